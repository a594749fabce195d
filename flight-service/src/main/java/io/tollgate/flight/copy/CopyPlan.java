package io.tollgate.flight.copy;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which decoder fills which vector, decided once per query from the columns' PostgreSQL types and
 * the Arrow schema already announced to the client. A query with any column this plan cannot
 * decode exactly is not eligible: the caller reads it the ordinary way instead.
 */
public final class CopyPlan {
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days from 1970-01-01 to 2000-01-01. */
    static final int PG_EPOCH_DAYS = 10_957;

    private final List<Function<FieldVector, ColumnDecoder>> columns;

    private CopyPlan(List<Function<FieldVector, ColumnDecoder>> columns) {
        this.columns = columns;
    }

    /**
     * A plan, if every column can be decoded into the vector type the schema gives it.
     *
     * @param pgTypeNames the columns' PostgreSQL type names, in order (as ResultSetMetaData names them)
     * @param root        a root of the announced schema (only its vector types are looked at)
     */
    public static Optional<CopyPlan> of(List<String> pgTypeNames, VectorSchemaRoot root) {
        if (pgTypeNames.size() != root.getFieldVectors().size()) {
            return Optional.empty();
        }
        List<Function<FieldVector, ColumnDecoder>> columns = new ArrayList<>();
        for (int i = 0; i < pgTypeNames.size(); i++) {
            Function<FieldVector, ColumnDecoder> decoder =
                    decoderFor(pgTypeNames.get(i).toLowerCase(Locale.ROOT), root.getVector(i));
            if (decoder == null) {
                return Optional.empty();
            }
            columns.add(decoder);
        }
        return Optional.of(new CopyPlan(columns));
    }

    int columnCount() {
        return columns.size();
    }

    /** Binds the plan to the vectors of one root. */
    ColumnDecoder[] bind(VectorSchemaRoot root) {
        ColumnDecoder[] decoders = new ColumnDecoder[columns.size()];
        for (int i = 0; i < decoders.length; i++) {
            decoders[i] = columns.get(i).apply(root.getVector(i));
        }
        return decoders;
    }

    private static Function<FieldVector, ColumnDecoder> decoderFor(String pgType, FieldVector vector) {
        return switch (pgType) {
            case "int2" -> vector instanceof SmallIntVector
                    ? v -> (b, at, len, row) -> ((SmallIntVector) v).setSafe(row, BigEndian.getShort(b, at)) : null;
            case "int4", "serial" -> vector instanceof IntVector
                    ? v -> (b, at, len, row) -> ((IntVector) v).setSafe(row, BigEndian.getInt(b, at)) : null;
            case "int8", "bigserial" -> vector instanceof BigIntVector
                    ? v -> (b, at, len, row) -> ((BigIntVector) v).setSafe(row, BigEndian.getLong(b, at)) : null;
            case "float4" -> vector instanceof Float4Vector
                    ? v -> (b, at, len, row) -> ((Float4Vector) v).setSafe(row, BigEndian.getFloat(b, at)) : null;
            case "float8" -> vector instanceof Float8Vector
                    ? v -> (b, at, len, row) -> ((Float8Vector) v).setSafe(row, BigEndian.getDouble(b, at)) : null;
            case "bool" -> vector instanceof BitVector
                    ? v -> (b, at, len, row) -> ((BitVector) v).setSafe(row, b[at] != 0 ? 1 : 0) : null;
            case "text", "varchar", "bpchar", "name" -> vector instanceof VarCharVector
                    ? v -> (b, at, len, row) -> ((VarCharVector) v).setSafe(row, b, at, len) : null;
            case "date" -> vector instanceof DateDayVector
                    ? v -> (b, at, len, row) -> ((DateDayVector) v)
                            .setSafe(row, finiteDate(BigEndian.getInt(b, at)) + PG_EPOCH_DAYS) : null;
            case "timestamp", "timestamptz" -> timestamp(pgType, vector);
            case "numeric" -> vector instanceof DecimalVector
                    ? v -> (b, at, len, row) -> PgNumeric.write((DecimalVector) v, row, b, at) : null;
            default -> null;
        };
    }

    // PostgreSQL writes infinity and -infinity as the extreme values; Arrow has no such values.
    private static long finiteTimestamp(long micros) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw infinite();
        }
        return micros;
    }

    private static int finiteDate(int days) {
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            throw infinite();
        }
        return days;
    }

    private static InvalidRequestException infinite() {
        return new InvalidRequestException("a date or timestamp is infinite, which Arrow cannot represent: filter it out or cast it to text");
    }

    private static Function<FieldVector, ColumnDecoder> timestamp(String pgType, FieldVector vector) {
        boolean zoned = pgType.equals("timestamptz");
        if (zoned ? vector instanceof TimeStampMicroTZVector : vector instanceof TimeStampMicroVector) {
            return v -> (b, at, len, row) -> ((TimeStampVector) v)
                    .setSafe(row, finiteTimestamp(BigEndian.getLong(b, at)) + PG_EPOCH_MICROS);
        }
        if (zoned ? vector instanceof TimeStampMilliTZVector : vector instanceof TimeStampMilliVector) {
            return v -> (b, at, len, row) -> ((TimeStampVector) v)
                    .setSafe(row, Math.floorDiv(finiteTimestamp(BigEndian.getLong(b, at)) + PG_EPOCH_MICROS, 1000L));
        }
        return null;
    }
}
