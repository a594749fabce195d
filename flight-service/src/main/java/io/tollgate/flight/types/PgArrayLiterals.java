package io.tollgate.flight.types;

import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a list as a PostgreSQL array literal ({@code {1,NULL,"a \"b\""}}). Bound as a value of
 * unspecified type, PostgreSQL parses it as whatever array type the statement needs, so an Arrow
 * list of strings can fill a {@code uuid[]} column as well as a {@code text[]} one.
 */
final class PgArrayLiterals {
    private PgArrayLiterals() {
    }

    static String format(List<?> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, values.get(i));
        }
        return out.append('}').toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("NULL");
        } else if (value instanceof List<?> nested) {
            out.append(format(nested));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        } else {
            quote(out, text(value));
        }
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof OffsetDateTime || value instanceof LocalDateTime) {
            return ArrowValues.timestampText(value);
        }
        if (value instanceof PGInterval interval) {
            return interval.getValue();
        }
        return value.toString();
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
