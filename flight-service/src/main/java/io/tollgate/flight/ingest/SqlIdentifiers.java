package io.tollgate.flight.ingest;

import io.tollgate.flight.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;

/**
 * Quotes client-supplied names (tables, schemas, columns) for the DDL and INSERT that bulk ingest
 * has to write as text: PostgreSQL cannot take identifiers as parameters. A name is always quoted,
 * so it is used exactly as given (case included) and can never end the identifier early.
 */
final class SqlIdentifiers {
    /** PostgreSQL silently truncates longer names (NAMEDATALEN - 1); refusing is safer than colliding. */
    private static final int MAX_BYTES = 63;

    private SqlIdentifiers() {
    }

    /** @throws InvalidRequestException for an empty or too long name, or one with a NUL character */
    static String quote(String name, String what) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidRequestException(what + " name must be 1 to " + MAX_BYTES
                    + " bytes without NUL characters");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
