package io.tollgate.flight.sql;

import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportsConvert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportsConvert.*;

/**
 * Which JDBC-type conversions PostgreSQL's CAST performs (GetSqlInfo's SQL_SUPPORTS_CONVERT):
 * numbers to numbers and text, text to anything (through the target type's input function),
 * dates and times among themselves and to text, bytea and booleans to text.
 */
final class Conversions {
    private static final List<SqlSupportsConvert> NUMBERS = List.of(SQL_CONVERT_BIGINT, SQL_CONVERT_INTEGER,
            SQL_CONVERT_SMALLINT, SQL_CONVERT_NUMERIC, SQL_CONVERT_DECIMAL, SQL_CONVERT_REAL, SQL_CONVERT_FLOAT);
    private static final List<SqlSupportsConvert> TEXT = List.of(SQL_CONVERT_CHAR, SQL_CONVERT_VARCHAR,
            SQL_CONVERT_LONGVARCHAR);
    private static final List<SqlSupportsConvert> BINARY = List.of(SQL_CONVERT_BINARY, SQL_CONVERT_VARBINARY,
            SQL_CONVERT_LONGVARBINARY);

    static final Map<Integer, List<Integer>> CASTS = casts();

    private Conversions() {
    }

    private static Map<Integer, List<Integer>> casts() {
        Map<Integer, List<Integer>> casts = new TreeMap<>();
        for (SqlSupportsConvert number : NUMBERS) {
            put(casts, number, concat(NUMBERS, TEXT));
        }
        List<SqlSupportsConvert> all = new ArrayList<>(concat(NUMBERS, TEXT));
        all.addAll(BINARY);
        all.addAll(List.of(SQL_CONVERT_BIT, SQL_CONVERT_DATE, SQL_CONVERT_TIME, SQL_CONVERT_TIMESTAMP));
        for (SqlSupportsConvert text : TEXT) {
            put(casts, text, all);
        }
        for (SqlSupportsConvert binary : BINARY) {
            put(casts, binary, concat(BINARY, TEXT));
        }
        put(casts, SQL_CONVERT_BIT, concat(List.of(SQL_CONVERT_BIT, SQL_CONVERT_INTEGER), TEXT));
        put(casts, SQL_CONVERT_DATE, concat(List.of(SQL_CONVERT_DATE, SQL_CONVERT_TIMESTAMP), TEXT));
        put(casts, SQL_CONVERT_TIME, concat(List.of(SQL_CONVERT_TIME), TEXT));
        put(casts, SQL_CONVERT_TIMESTAMP, concat(List.of(SQL_CONVERT_DATE, SQL_CONVERT_TIME, SQL_CONVERT_TIMESTAMP),
                TEXT));
        return casts;
    }

    private static List<SqlSupportsConvert> concat(List<SqlSupportsConvert> a, List<SqlSupportsConvert> b) {
        List<SqlSupportsConvert> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void put(Map<Integer, List<Integer>> casts, SqlSupportsConvert from, List<SqlSupportsConvert> to) {
        casts.put(from.getNumber(), to.stream().map(SqlSupportsConvert::getNumber).toList());
    }
}
