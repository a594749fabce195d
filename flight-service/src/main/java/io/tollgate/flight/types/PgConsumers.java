package io.tollgate.flight.types;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.adapter.jdbc.consumer.ArrayConsumer;
import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.postgresql.util.PGInterval;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Chooses how each column's values are read, for the types {@link PgArrowTypes} maps differently
 * from arrow-jdbc; every other type keeps arrow-jdbc's consumer. Array elements are read with
 * these same rules (arrow-jdbc's own array consumer would fall back to its defaults for them).
 */
final class PgConsumers implements JdbcToArrowConfig.JdbcConsumerFactory {
    static final PgConsumers INSTANCE = new PgConsumers();

    /** In the result set of {@link java.sql.Array#getResultSet()}, the value is column 2. */
    private static final int ARRAY_VALUE_COLUMN = 2;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private PgConsumers() {
    }

    @Override
    public JdbcConsumer apply(ArrowType type, int column, boolean nullable, FieldVector vector,
                              JdbcToArrowConfig config) {
        return switch (type.getTypeID()) {
            case Date -> new ObjectConsumer<>((DateDayVector) vector, column,
                    (rows, c) -> finite(rows.getObject(c, LocalDate.class), LocalDate.MIN, LocalDate.MAX),
                    (v, i, date) -> v.setSafe(i, Math.toIntExact(date.toEpochDay())));
            case Time -> new ObjectConsumer<>((TimeMicroVector) vector, column,
                    (rows, c) -> rows.getObject(c, LocalTime.class),
                    (v, i, time) -> v.setSafe(i, time.toNanoOfDay() / NANOS_PER_MICRO));
            case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null
                    ? new ObjectConsumer<>((TimeStampMicroVector) vector, column,
                            (rows, c) -> finite(rows.getObject(c, LocalDateTime.class), LocalDateTime.MIN,
                                    LocalDateTime.MAX),
                            (v, i, ts) -> v.setSafe(i, micros(ts.toEpochSecond(ZoneOffset.UTC), ts.getNano())))
                    : new ObjectConsumer<>((TimeStampMicroTZVector) vector, column,
                            (rows, c) -> finite(rows.getObject(c, OffsetDateTime.class), OffsetDateTime.MIN,
                                    OffsetDateTime.MAX),
                            (v, i, ts) -> v.setSafe(i, micros(ts.toEpochSecond(), ts.getNano())));
            case Interval -> new ObjectConsumer<>((IntervalMonthDayNanoVector) vector, column,
                    PgConsumers::interval,
                    (v, i, interval) -> v.setSafe(i, interval.getYears() * 12 + interval.getMonths(),
                            interval.getDays(), intervalNanos(interval)));
            case List -> {
                ListVector list = (ListVector) vector;
                FieldVector elements = list.getDataVector();
                JdbcConsumer elementConsumer = apply(elements.getField().getType(), ARRAY_VALUE_COLUMN, true,
                        elements, config);
                yield ArrayConsumer.createConsumer(list, elementConsumer, column, nullable);
            }
            default -> JdbcToArrowUtils.getConsumer(type, column, nullable, vector, config);
        };
    }

    /** pgjdbc reads PostgreSQL's -infinity and infinity as the MIN and MAX of java.time: no Arrow value. */
    private static <T> T finite(T value, T negativeInfinity, T infinity) {
        if (value != null && (value.equals(negativeInfinity) || value.equals(infinity))) {
            throw new InvalidRequestException("a date or timestamp is infinite, which Arrow cannot represent: "
                    + "filter it out or cast it to text");
        }
        return value;
    }

    private static PGInterval interval(java.sql.ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null || value instanceof PGInterval) {
            return (PGInterval) value;
        }
        return new PGInterval(value.toString());
    }

    private static long micros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, MICROS_PER_SECOND), nano / NANOS_PER_MICRO);
    }

    private static long intervalNanos(PGInterval interval) {
        long seconds = (interval.getHours() * 60L + interval.getMinutes()) * 60L + interval.getWholeSeconds();
        return seconds * 1_000_000_000L + interval.getMicroSeconds() * NANOS_PER_MICRO;
    }
}
