package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Garbage where flight-service expects one of its own tickets, handles or commands, sent with a raw
 * FlightClient as an attacker would: every one is the client's mistake, INVALID_ARGUMENT, never
 * INTERNAL, and no message repeats a library's text.
 */
class FlightSqlMalformedRequestsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightClient raw;
    static FlightSqlClient sql;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(ShopSchema.create(DB));
        allocator = new RootAllocator();
        String token = server.token("w@acme", "acme", "writer");
        raw = FlightClient.builder(allocator, server.location()).intercept(FlightSqlServer.bearer(token)).build();
        sql = server.client(token);
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        server.close();
        allocator.close();
    }

    private static void assertInvalidArgument(Executable call) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, call);
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code(), refused.toString());
        String message = String.valueOf(refused.status().description()).toLowerCase(Locale.ROOT);
        for (String leak : List.of("exception", "protobuf", "protocol message", "internal", "\tat ")) {
            assertFalse(message.contains(leak), "no library text: " + message);
        }
    }

    private static void doGet(byte[] ticket) throws Exception {
        try (FlightStream stream = raw.getStream(new Ticket(ticket))) {
            while (stream.next()) {
                // drain
            }
        }
    }

    private static byte[] any(String typeUrl, byte[] value) {
        return Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFrom(value)).build().toByteArray();
    }

    private static byte[] validTicket() {
        return sql.execute("SELECT 1").getEndpoints().get(0).getTicket().getBytes();
    }

    @Test
    void aDoGetWithGarbageTicketBytesIsInvalidArgument() {
        for (byte[] garbage : List.of("not a ticket".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff},
                new byte[]{0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, new byte[0])) {
            assertInvalidArgument(() -> doGet(garbage));
        }
    }

    @Test
    void aDoGetWithATicketOfAnUnknownCommandTypeIsInvalidArgument() {
        assertInvalidArgument(() -> doGet(any("type.googleapis.com/evil.Command", new byte[]{1, 2, 3})));
        assertInvalidArgument(() -> doGet(any("", new byte[0])));
    }

    @Test
    void aDoGetWithAKnownCommandTypeWhoseBodyDoesNotDecodeIsInvalidArgument() {
        byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        assertInvalidArgument(() -> doGet(any("type.googleapis.com/" + TicketStatementQuery.getDescriptor()
                .getFullName(), garbage)));
        assertInvalidArgument(() -> doGet(any("type.googleapis.com/" + CommandPreparedStatementQuery.getDescriptor()
                .getFullName(), garbage)));
    }

    @Test
    void aTruncatedOrAlteredStatementTicketIsInvalidArgument() throws Exception {
        byte[] ticket = validTicket();
        doGet(ticket); // the genuine one works
        TicketStatementQuery genuine = Any.parseFrom(ticket).unpack(TicketStatementQuery.class);
        byte[] handle = genuine.getStatementHandle().toByteArray();
        byte[] flipped = handle.clone();
        flipped[flipped.length / 2] ^= 1;
        for (byte[] forged : List.of(Arrays.copyOf(handle, handle.length - 1), Arrays.copyOf(handle, 5), flipped,
                new byte[0])) {
            byte[] forgedTicket = Any.pack(TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFrom(forged)).build()).toByteArray();
            assertInvalidArgument(() -> doGet(forgedTicket));
        }
        assertInvalidArgument(() -> doGet(Arrays.copyOf(ticket, ticket.length - 3)));
    }

    @Test
    void aTruncatedOrForgedPreparedStatementHandleIsInvalidArgumentOnEveryCall() throws Exception {
        Result created = raw.doAction(new Action("CreatePreparedStatement", Any.pack(
                ActionCreatePreparedStatementRequest.newBuilder().setQuery("SELECT 1").build()).toByteArray())).next();
        byte[] handle = Any.parseFrom(created.getBody()).unpack(ActionCreatePreparedStatementResult.class)
                .getPreparedStatementHandle().toByteArray();
        for (byte[] forged : List.of(Arrays.copyOf(handle, handle.length / 2), "forged".getBytes(StandardCharsets.UTF_8),
                new byte[0])) {
            CommandPreparedStatementQuery command = CommandPreparedStatementQuery.newBuilder()
                    .setPreparedStatementHandle(ByteString.copyFrom(forged)).build();
            byte[] packed = Any.pack(command).toByteArray();
            assertInvalidArgument(() -> doGet(packed));
            assertInvalidArgument(() -> raw.getInfo(FlightDescriptor.command(packed)));
            assertInvalidArgument(() -> raw.getSchema(FlightDescriptor.command(packed)));
            assertInvalidArgument(() -> raw.doAction(new Action("ClosePreparedStatement",
                    Any.pack(ActionClosePreparedStatementRequest.newBuilder()
                            .setPreparedStatementHandle(ByteString.copyFrom(forged)).build()).toByteArray()))
                    .forEachRemaining(result -> { }));
        }
    }

    @Test
    void aGetFlightInfoOrDoPutWithAGarbageCommandIsInvalidArgument() {
        byte[] garbage = "not a command".getBytes(StandardCharsets.UTF_8);
        assertInvalidArgument(() -> raw.getInfo(FlightDescriptor.command(garbage)));
        assertInvalidArgument(() -> raw.getSchema(FlightDescriptor.command(garbage)));
        assertInvalidArgument(() -> raw.getInfo(FlightDescriptor.command(any("type.googleapis.com/evil.Command",
                new byte[]{1}))));
        assertInvalidArgument(() -> raw.getInfo(FlightDescriptor.command(any("type.googleapis.com/"
                + CommandStatementQuery.getDescriptor().getFullName(), new byte[]{0x0a, (byte) 0xff}))));
        for (byte[] command : List.of(garbage, any("type.googleapis.com/evil.Command", new byte[]{1}))) {
            assertInvalidArgument(() -> {
                try (VectorSchemaRoot empty = VectorSchemaRoot.create(new Schema(List.of()), allocator)) {
                    SyncPutListener listener = new SyncPutListener();
                    FlightClient.ClientStreamListener put = raw.startPut(FlightDescriptor.command(command), empty,
                            listener);
                    put.completed();
                    put.getResult();
                }
            });
        }
    }

    @Test
    void anActionWithAGarbageBodyIsInvalidArgument() {
        for (String type : List.of("CreatePreparedStatement", "ClosePreparedStatement", "BeginTransaction",
                "EndTransaction", "CancelFlightInfo")) {
            assertInvalidArgument(() -> raw.doAction(new Action(type, "garbage".getBytes(StandardCharsets.UTF_8)))
                    .forEachRemaining(result -> { }));
        }
    }
}
