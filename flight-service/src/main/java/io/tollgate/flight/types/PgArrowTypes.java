package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

import java.sql.Types;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one PostgreSQL → Arrow type mapping, used for result columns, table columns in catalog
 * answers, and array elements alike, so that a table's announced columns and a query over it agree.
 *
 * <p>Chosen by PostgreSQL type name first (pgjdbc reports several distinct types under one JDBC
 * code: timestamp and timestamptz are both TIMESTAMP, money is DOUBLE, bit(n) is BIT), then by
 * JDBC type. Where arrow-jdbc's defaults lose data they are replaced: time and timestamps keep
 * PostgreSQL's microseconds, timestamptz is UTC, timestamp has no zone, interval keeps months,
 * days and microseconds apart, unconstrained numeric is text. Anything not listed is text
 * (PostgreSQL's own output format), which is lossless for every type.
 */
public final class PgArrowTypes {
    /** Decimal256 holds at most this many digits; wider numerics travel as text. */
    private static final int MAX_DECIMAL_PRECISION = 76;
    private static final int MAX_DECIMAL128_PRECISION = 38;

    /** The converter arrow-jdbc calls for every column and array element. */
    public static final Function<JdbcFieldInfo, ArrowType> CONVERTER =
            info -> forColumn(info.getJdbcType(), info.getTypeName(), info.getPrecision(), info.getScale());

    private PgArrowTypes() {
    }

    /**
     * The Arrow type of a column.
     *
     * @param jdbcType  what pgjdbc reports ({@link Types})
     * @param typeName  PostgreSQL's type name ({@code int4}, {@code _text}, {@code timestamptz}, an enum's name)
     * @param precision numeric precision or declared length (0: unconstrained)
     * @param scale     numeric scale
     */
    public static ArrowType forColumn(int jdbcType, String typeName, int precision, int scale) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.ARRAY || isArrayName(name)) {
            return ArrowType.List.INSTANCE;
        }
        ArrowType byName = byName(name, precision, scale);
        if (byName != null) {
            return byName;
        }
        return switch (jdbcType) {
            case Types.BOOLEAN -> ArrowType.Bool.INSTANCE;
            case Types.SMALLINT, Types.TINYINT -> new ArrowType.Int(16, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.DOUBLE, Types.FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.NUMERIC, Types.DECIMAL -> decimal(precision, scale);
            case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ArrowType.Binary.INSTANCE;
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /**
     * The Arrow type announced for a statement parameter. It differs from {@link #forColumn} where
     * clients cannot fill the column type faithfully: the Flight SQL JDBC driver writes
     * milliseconds into whatever timestamp or time vector it is given, and can only fill a decimal
     * whose scale it knows (PostgreSQL does not report parameter precision or scale), so those are
     * announced as millisecond types and text. The server accepts any Arrow type for any
     * parameter regardless ({@link ParameterBinder}).
     */
    public static ArrowType forParameter(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.ARRAY || isArrayName(name)) {
            return ArrowType.List.INSTANCE;
        }
        return switch (name) {
            case "time" -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
            case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case "timestamptz" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case "numeric", "interval" -> ArrowType.Utf8.INSTANCE;
            default -> forColumn(jdbcType, name, 0, 0);
        };
    }

    /** The element type name of an array type name ({@code _int4} → {@code int4}). */
    public static String elementTypeName(String arrayTypeName) {
        return isArrayName(arrayTypeName) ? arrayTypeName.substring(1) : arrayTypeName;
    }

    private static boolean isArrayName(String name) {
        return name != null && name.length() > 1 && name.charAt(0) == '_';
    }

    private static ArrowType byName(String name, int precision, int scale) {
        return switch (name) {
            case "bool" -> ArrowType.Bool.INSTANCE;
            case "int2", "smallserial" -> new ArrowType.Int(16, true);
            case "int4", "serial" -> new ArrowType.Int(32, true);
            case "int8", "bigserial", "oid" -> new ArrowType.Int(64, true);
            case "float4" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "float8" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "numeric" -> decimal(precision, scale);
            case "date" -> new ArrowType.Date(DateUnit.DAY);
            case "time" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "timestamptz" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case "interval" -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case "bytea" -> ArrowType.Binary.INSTANCE;
            // Reported as DOUBLE, BIT, TIME: their text forms are the faithful ones.
            case "money", "bit", "varbit", "timetz" -> ArrowType.Utf8.INSTANCE;
            default -> null;
        };
    }

    private static ArrowType decimal(int precision, int scale) {
        // Unconstrained numeric (precision 0) has no fixed scale: any decimal type would round.
        if (precision <= 0 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            return ArrowType.Utf8.INSTANCE;
        }
        return new ArrowType.Decimal(precision, scale, precision > MAX_DECIMAL128_PRECISION ? 256 : 128);
    }
}
