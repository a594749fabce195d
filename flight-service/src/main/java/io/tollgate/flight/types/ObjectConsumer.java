package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.FieldVector;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column as a Java object (java.time types, PostgreSQL's interval) and writes it to a
 * vector, or a null. Used where arrow-jdbc's consumers lose precision or go through
 * {@code java.util.Calendar}, which mis-handles dates before 1582 and wall times in DST gaps.
 *
 * <p>Not an arrow-jdbc {@code BaseConsumer}: arrow-jdbc 18.3 describes a failing BaseConsumer's
 * type with a call that itself throws for zoned timestamps, which would hide the real error.
 */
final class ObjectConsumer<V extends FieldVector, T> implements JdbcConsumer<V> {

    /** Reads the column's value; null for SQL NULL. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rows, int column) throws SQLException;
    }

    /** Writes a non-null value at an index. */
    @FunctionalInterface
    interface Writer<V, T> {
        void write(V vector, int index, T value);
    }

    private final int column;
    private final Reader<T> reader;
    private final Writer<V, T> writer;
    private V vector;
    private int currentIndex;

    ObjectConsumer(V vector, int column, Reader<T> reader, Writer<V, T> writer) {
        this.vector = vector;
        this.column = column;
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public void consume(ResultSet rows) throws SQLException {
        T value = reader.read(rows, column);
        if (value == null) {
            vector.setNull(currentIndex);
        } else {
            writer.write(vector, currentIndex, value);
        }
        currentIndex++;
    }

    @Override
    public void resetValueVector(V vector) {
        this.vector = vector;
        this.currentIndex = 0;
    }

    @Override
    public void close() {
        vector.close();
    }
}
