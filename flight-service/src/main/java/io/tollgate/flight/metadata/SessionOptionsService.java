package io.tollgate.flight.metadata;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.transaction.SqlSessions;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session options, for stateless replicas: nothing is remembered between calls. Setting an option
 * validates it against the tenant's backend — {@code catalog} must be the tenant's database (the
 * only catalog, so accepting it changes nothing), {@code schema} must be a schema the role may
 * use (accepted, but not applied: qualify names, or set search_path in the SQL) — and reading the
 * options reports the values calls actually run with. Knows nothing of Flight SQL's commands.
 */
@Singleton
public class SessionOptionsService {
    public static final String CATALOG = "catalog";
    public static final String SCHEMA = "schema";

    /** Why an option was refused. */
    public enum Problem { UNKNOWN_OPTION, INVALID_VALUE }

    private final SqlSessions sessions;

    public SessionOptionsService(SqlSessions sessions) {
        this.sessions = sessions;
    }

    /** The refused options and why; empty when all are acceptable. */
    public Map<String, Problem> validate(Principal principal, Map<String, String> options) throws SQLException {
        return sessions.run(principal, connection -> {
            Map<String, Problem> problems = new LinkedHashMap<>();
            for (Map.Entry<String, String> option : options.entrySet()) {
                String value = option.getValue();
                switch (option.getKey()) {
                    case CATALOG -> {
                        if (value == null || !value.equals(connection.getCatalog())) {
                            problems.put(option.getKey(), Problem.INVALID_VALUE);
                        }
                    }
                    case SCHEMA -> {
                        if (value == null || !schemaUsable(connection, value)) {
                            problems.put(option.getKey(), Problem.INVALID_VALUE);
                        }
                    }
                    default -> problems.put(option.getKey(), Problem.UNKNOWN_OPTION);
                }
            }
            return problems;
        });
    }

    /** The catalog and schema calls run with. */
    public Map<String, String> current(Principal principal) throws SQLException {
        return sessions.run(principal, connection -> {
            Map<String, String> options = new LinkedHashMap<>();
            options.put(CATALOG, connection.getCatalog());
            String schema = connection.getSchema();
            if (schema != null) {
                options.put(SCHEMA, schema);
            }
            return options;
        });
    }

    private static boolean schemaUsable(java.sql.Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.SCHEMA_USABLE)) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
