package io.tollgate.flight.support;

import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/** Everything a FlightInfo's endpoints stream, read into plain Java values (vector.getObject). */
public record Results(Schema schema, List<List<Object>> rows) {

    public static Results read(FlightSqlClient client, FlightInfo info) throws Exception {
        Schema schema = null;
        List<List<Object>> rows = new ArrayList<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = client.getStream(endpoint.getTicket())) {
                while (stream.next()) {
                    VectorSchemaRoot root = stream.getRoot();
                    schema = root.getSchema();
                    for (int i = 0; i < root.getRowCount(); i++) {
                        List<Object> row = new ArrayList<>();
                        for (FieldVector vector : root.getFieldVectors()) {
                            row.add(vector.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                if (schema == null) {
                    schema = stream.getRoot().getSchema();
                }
            }
        }
        return new Results(schema, rows);
    }

    /** One column's values, as strings (null stays null). */
    public List<String> column(int index) {
        return rows.stream().map(r -> r.get(index) == null ? null : r.get(index).toString()).toList();
    }
}
