package io.tollgate.flight.support;

import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table schemas a GetTables with include_schema announces. */
public final class TableSchemas {
    private TableSchemas() {
    }

    /** Table name → its announced Arrow schema, for tables matching the patterns. */
    public static Map<String, Schema> of(FlightSqlClient client, String schemaPattern, String tablePattern)
            throws Exception {
        Results tables = Results.read(client, client.getTables(null, schemaPattern, tablePattern, null, true));
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (List<Object> row : tables.rows()) {
            schemas.put(row.get(2).toString(), deserialize((byte[]) row.get(4)));
        }
        return schemas;
    }

    public static Schema deserialize(byte[] bytes) throws Exception {
        return MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
    }
}
