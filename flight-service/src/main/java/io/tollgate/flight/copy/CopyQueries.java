package io.tollgate.flight.copy;

import java.util.Locale;

/**
 * Which statements can be read through {@code COPY (query) TO STDOUT}: those whose first keyword
 * (after blanks and comments) makes them a query. Anything else keeps the ordinary path, so a
 * statement COPY would refuse never aborts the caller's transaction.
 */
public final class CopyQueries {
    private CopyQueries() {
    }

    public static boolean isQuery(String sql) {
        String keyword = firstKeyword(sql);
        return keyword.equals("select") || keyword.equals("with") || keyword.equals("values") || keyword.equals("table");
    }

    /**
     * The COPY that streams the query's rows in binary. The query was already prepared as one
     * statement on its own; the newlines keep a trailing line comment from swallowing the closing
     * parenthesis.
     */
    public static String copyOf(String sql) {
        return "COPY (\n" + sql + "\n) TO STDOUT (FORMAT binary)";
    }

    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(Locale.ROOT);
    }
}
