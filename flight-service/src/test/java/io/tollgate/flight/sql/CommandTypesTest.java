package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommandTypesTest {
    private static final CommandPreparedStatementQuery PROTOTYPE = CommandPreparedStatementQuery.getDefaultInstance();

    @Test
    void aCommandOfTheTypeIsDecoded() {
        CommandPreparedStatementQuery command = CommandPreparedStatementQuery.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFromUtf8("handle")).build();
        assertEquals(command, CommandTypes.as(CommandTypes.parse(Any.pack(command).toByteArray()), PROTOTYPE));
    }

    @Test
    void anotherTypeALookAlikeUrlOrBytesThatAreNoAnyAreLeftAlone() {
        assertNull(CommandTypes.as(Any.pack(CommandStatementQuery.newBuilder().setQuery("SELECT 1").build()), PROTOTYPE));
        assertNull(CommandTypes.as(Any.newBuilder()
                .setTypeUrl("type.googleapis.com/" + PROTOTYPE.getDescriptorForType().getFullName() + "X").build(),
                PROTOTYPE));
        assertNull(CommandTypes.as(Any.newBuilder()
                .setTypeUrl("evil.example/" + PROTOTYPE.getDescriptorForType().getFullName()).build(), PROTOTYPE));
        assertNull(CommandTypes.as(Any.newBuilder().setTypeUrl("type.googleapis.com/"
                + PROTOTYPE.getDescriptorForType().getFullName()).setValue(ByteString.copyFrom(new byte[] {(byte) 0xff}))
                .build(), PROTOTYPE), "an undecodable value is left to arrow-java, which refuses it");
        assertNull(CommandTypes.parse(new byte[] {(byte) 0xff, 0x01}));
        assertNull(CommandTypes.as(null, PROTOTYPE));
    }

    @Test
    void aCommandOrActionIsNamedForMetricsOnlyFromFlightSqlsOwnList() {
        assertEquals("CommandStatementQuery",
                CommandTypes.nameOf(Any.pack(CommandStatementQuery.newBuilder().setQuery("SELECT 1").build())));
        assertEquals("unknown", CommandTypes.nameOf(Any.newBuilder()
                .setTypeUrl("type.googleapis.com/tenant.globex.SecretTable").build()));
        assertEquals("CreatePreparedStatement", CommandTypes.nameOf(new Action("CreatePreparedStatement")));
        assertEquals("unknown", CommandTypes.nameOf(new Action("DROP TABLE orders")));
    }
}
