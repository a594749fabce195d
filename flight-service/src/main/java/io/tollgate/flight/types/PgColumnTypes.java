package io.tollgate.flight.types;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.Locale;
import java.util.Set;

/**
 * The PostgreSQL column type for an Arrow field, for tables created by bulk ingest: the inverse
 * of {@link PgArrowTypes} where one exists, so that a table read through Tollgate and ingested
 * back comes out with the same columns. A text field that carries a Flight SQL type name of a
 * type sent as text (uuid, json, jsonb, an unconstrained numeric, ...) gets that type back.
 */
public final class PgColumnTypes {
    // Built-in types that travel as Arrow text and may be named in a field's metadata. A closed
    // list: the name ends up in DDL, so nothing from a client is used that is not on it.
    private static final Set<String> TEXT_TYPES = Set.of("text", "uuid", "json", "jsonb", "numeric", "xml",
            "inet", "cidr", "macaddr", "money", "timetz", "varbit");

    private PgColumnTypes() {
    }

    /** @throws InvalidRequestException for Arrow types PostgreSQL has no column type for */
    public static String of(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Bool -> "boolean";
            case Int -> integer((ArrowType.Int) type);
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision()
                    == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE ? "double precision" : "real";
            case Decimal -> "numeric(" + ((ArrowType.Decimal) type).getPrecision() + ","
                    + ((ArrowType.Decimal) type).getScale() + ")";
            case Utf8, LargeUtf8, Utf8View -> textType(field);
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> "bytea";
            case Date -> "date";
            case Time -> "time";
            case Timestamp -> {
                String zone = ((ArrowType.Timestamp) type).getTimezone();
                yield zone == null || zone.isEmpty() ? "timestamp" : "timestamptz";
            }
            case Interval, Duration -> "interval";
            case List, LargeList, FixedSizeList -> {
                Field element = field.getChildren().get(0);
                if (element.getType() instanceof ArrowType.List || element.getType() instanceof ArrowType.LargeList) {
                    throw new InvalidRequestException("column " + field.getName()
                            + ": lists of lists cannot be ingested");
                }
                yield of(element) + "[]";
            }
            case Null -> "text";
            default -> throw new InvalidRequestException("column " + field.getName() + ": Arrow type " + type
                    + " has no PostgreSQL column type");
        };
    }

    private static String integer(ArrowType.Int type) {
        if (type.getIsSigned()) {
            return switch (type.getBitWidth()) {
                case 8, 16 -> "smallint";
                case 32 -> "integer";
                default -> "bigint";
            };
        }
        return switch (type.getBitWidth()) {
            case 8 -> "smallint";
            case 16 -> "integer";
            case 32 -> "bigint";
            default -> "numeric(20,0)";
        };
    }

    private static String textType(Field field) {
        String named = field.getMetadata() == null ? null
                : new FlightSqlColumnMetadata(field.getMetadata()).getTypeName();
        if (named != null && TEXT_TYPES.contains(named.toLowerCase(Locale.ROOT))) {
            return named.toLowerCase(Locale.ROOT);
        }
        return "text";
    }
}
