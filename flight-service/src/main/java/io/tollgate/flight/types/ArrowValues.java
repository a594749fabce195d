package io.tollgate.flight.types;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one Arrow value as the Java value pgjdbc binds for it: {@code Short/Integer/Long}, float
 * types, {@code BigDecimal}, {@code String}, {@code byte[]}, java.time types (timestamps with a
 * zone as UTC {@link OffsetDateTime}, without one as {@link LocalDateTime}), {@link PGInterval}
 * for intervals and durations, and {@link List} for lists. SQL NULL is {@code null}.
 */
public final class ArrowValues {
    private ArrowValues() {
    }

    /**
     * @throws InvalidRequestException for an Arrow type with no PostgreSQL counterpart (struct,
     *                                  map, union, dictionary-encoded)
     */
    public static Object read(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (vector.getMinorType()) {
            case BIT -> ((BitVector) vector).get(row) != 0;
            case TINYINT, SMALLINT, UINT1 -> ((Number) numberOf(vector, row)).shortValue();
            case INT, UINT2 -> ((Number) numberOf(vector, row)).intValue();
            case BIGINT, UINT4 -> ((Number) numberOf(vector, row)).longValue();
            case UINT8 -> new BigDecimal(((UInt8Vector) vector).getObjectNoOverflow(row));
            case FLOAT2 -> ((Float2Vector) vector).getValueAsFloat(row);
            case FLOAT4 -> ((Float4Vector) vector).get(row);
            case FLOAT8 -> ((Float8Vector) vector).get(row);
            case DECIMAL -> ((DecimalVector) vector).getObject(row);
            case DECIMAL256 -> ((Decimal256Vector) vector).getObject(row);
            case VARCHAR, LARGEVARCHAR, VIEWVARCHAR -> text(vector, row);
            case VARBINARY -> ((VarBinaryVector) vector).get(row);
            case LARGEVARBINARY -> ((LargeVarBinaryVector) vector).get(row);
            case VIEWVARBINARY -> ((ViewVarBinaryVector) vector).get(row);
            case FIXEDSIZEBINARY -> ((FixedSizeBinaryVector) vector).get(row);
            case DATEDAY -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case DATEMILLI -> LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) vector).get(row), 86_400_000L));
            case TIMESEC, TIMEMILLI, TIMEMICRO, TIMENANO -> time(vector, row);
            case TIMESTAMPSEC, TIMESTAMPMILLI, TIMESTAMPMICRO, TIMESTAMPNANO,
                 TIMESTAMPSECTZ, TIMESTAMPMILLITZ, TIMESTAMPMICROTZ, TIMESTAMPNANOTZ -> timestamp(vector, row);
            case INTERVALYEAR -> interval(((IntervalYearVector) vector).getObject(row), Duration.ZERO);
            case INTERVALDAY -> interval(Period.ZERO, ((IntervalDayVector) vector).getObject(row));
            case INTERVALMONTHDAYNANO -> {
                var value = ((IntervalMonthDayNanoVector) vector).getObject(row);
                yield interval(value.getPeriod(), value.getDuration());
            }
            case DURATION -> interval(Period.ZERO, ((DurationVector) vector).getObject(row));
            case LIST, LARGELIST, FIXED_SIZE_LIST -> list((BaseListVector) vector, row);
            case NULL -> null;
            default -> throw new InvalidRequestException("Arrow type " + vector.getField().getType()
                    + " has no PostgreSQL counterpart");
        };
    }

    private static Object numberOf(FieldVector vector, int row) {
        return switch (vector.getMinorType()) {
            case UINT1 -> ((UInt1Vector) vector).getObjectNoOverflow(row);
            case UINT2 -> (int) ((UInt2Vector) vector).get(row);
            case UINT4 -> ((UInt4Vector) vector).getObjectNoOverflow(row);
            default -> vector.getObject(row);
        };
    }

    private static String text(FieldVector vector, int row) {
        if (vector instanceof BaseVariableWidthVector variable) {
            return new String(variable.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof BaseVariableWidthViewVector view) {
            return new String(view.get(row), StandardCharsets.UTF_8);
        }
        Object value = vector.getObject(row);
        return value instanceof Text t ? t.toString() : String.valueOf(value);
    }

    private static LocalTime time(FieldVector vector, int row) {
        ArrowType.Time type = (ArrowType.Time) vector.getField().getType();
        long raw = type.getBitWidth() == 32
                ? ((org.apache.arrow.vector.BaseFixedWidthVector) vector).getDataBuffer().getInt((long) row * 4)
                : ((org.apache.arrow.vector.BaseFixedWidthVector) vector).getDataBuffer().getLong((long) row * 8);
        return LocalTime.ofNanoOfDay(Math.multiplyExact(raw, nanosPer(type.getUnit())));
    }

    private static Object timestamp(FieldVector vector, int row) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long raw = ((TimeStampVector) vector).get(row);
        long perSecond = 1_000_000_000L / nanosPer(type.getUnit());
        long seconds = Math.floorDiv(raw, perSecond);
        long nanos = Math.floorMod(raw, perSecond) * nanosPer(type.getUnit());
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
        String zone = type.getTimezone();
        return zone == null || zone.isEmpty() ? utc : utc.atOffset(ZoneOffset.UTC);
    }

    private static long nanosPer(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }

    private static PGInterval interval(Period period, Duration duration) {
        long seconds = duration.getSeconds();
        double fraction = duration.getNano() / 1e9;
        return new PGInterval(period.getYears(), period.getMonths(), period.getDays(),
                (int) (seconds / 3600), (int) ((seconds % 3600) / 60), (seconds % 60) + fraction);
    }

    private static List<Object> list(BaseListVector vector, int row) {
        FieldVector elements = (FieldVector) vector.getChildrenFromFields().get(0);
        List<Object> values = new ArrayList<>();
        for (int i = vector.getElementStartIndex(row); i < vector.getElementEndIndex(row); i++) {
            values.add(read(elements, i));
        }
        return values;
    }

    /** A timestamp value as PostgreSQL reads it, for text contexts such as array literals. */
    static String timestampText(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toLocalDateTime() + "+00";
        }
        return value.toString();
    }
}
