package io.tollgate.flight.transaction;

import java.sql.Connection;
import java.sql.SQLException;

/** Some SQL work on a connection, with a result. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
