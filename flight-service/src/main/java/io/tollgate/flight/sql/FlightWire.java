package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.auth.AuthMiddleware;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;

/** Small pieces of the Flight wire every command handler needs. */
final class FlightWire {
    private FlightWire() {
    }

    /** The principal the auth middleware verified for this call. */
    static Principal principal(CallContext context) {
        AuthMiddleware auth = context.getMiddleware(AuthMiddleware.KEY);
        if (auth == null) {
            // The middleware refuses unauthenticated calls; reaching here without it is a bug.
            throw CallStatus.UNAUTHENTICATED.withDescription("invalid credentials").toRuntimeException();
        }
        return auth.principal();
    }

    /** A FlightInfo with one endpoint on this service, whose ticket is {@code ticket}. */
    static FlightInfo flightInfo(Schema schema, FlightDescriptor descriptor, Message ticket) {
        return new FlightInfo(schema, descriptor, endpoints(ticket), -1, -1);
    }

    /** The one endpoint of every FlightInfo: this service, with {@code ticket} packed in an Any as the ticket. */
    static List<FlightEndpoint> endpoints(Message ticket) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray())));
    }

    /** A schema as an IPC encapsulated message, as Flight SQL carries schemas in results. */
    static ByteString serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteString.copyFrom(out.toByteArray());
    }

    /** Sends one action result, packed in an Any as Flight SQL requires, and completes. */
    static void reply(StreamListener<Result> listener, Message message) {
        listener.onNext(new Result(Any.pack(message).toByteArray()));
        listener.onCompleted();
    }

    /** Sends one DoPut result carrying {@code message} as application metadata, and completes. */
    static void replyPut(StreamListener<PutResult> listener, BufferAllocator allocator, Message message) {
        byte[] bytes = message.toByteArray();
        try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
            buffer.writeBytes(bytes);
            listener.onNext(PutResult.metadata(buffer));
        }
        listener.onCompleted();
    }

    /** The bytes of an optional field, empty when absent. */
    static byte[] bytes(boolean present, ByteString value) {
        return present ? value.toByteArray() : new byte[0];
    }
}
