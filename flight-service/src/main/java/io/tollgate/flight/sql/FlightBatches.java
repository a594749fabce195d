package io.tollgate.flight.sql;

import io.tollgate.flight.statement.BatchSource;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.VectorSchemaRoot;

/** An uploaded Flight stream as the services' {@link BatchSource}. */
final class FlightBatches implements BatchSource {
    private final FlightStream stream;

    FlightBatches(FlightStream stream) {
        this.stream = stream;
    }

    @Override
    public VectorSchemaRoot root() {
        return stream.getRoot();
    }

    @Override
    public boolean next() {
        return stream.next();
    }
}
