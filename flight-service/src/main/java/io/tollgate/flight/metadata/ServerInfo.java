package io.tollgate.flight.metadata;

import java.util.List;

/**
 * What a client may want to know about the SQL it is talking to, read from the tenant's backend.
 *
 * @param postgresVersion         PostgreSQL's {@code server_version}
 * @param maxIdentifierLength     the longest identifier in bytes
 * @param defaultIsolation        {@code default_transaction_isolation}, e.g. "read committed"
 * @param readOnly                whether the principal's transactions are read-only
 * @param keywords                reserved key words
 * @param numericFunctions        as pgjdbc lists them
 * @param stringFunctions         as pgjdbc lists them
 * @param systemFunctions         as pgjdbc lists them
 * @param datetimeFunctions       as pgjdbc lists them
 */
public record ServerInfo(String postgresVersion, int maxIdentifierLength, String defaultIsolation, boolean readOnly,
                         List<String> keywords, List<String> numericFunctions, List<String> stringFunctions,
                         List<String> systemFunctions, List<String> datetimeFunctions) {
}
