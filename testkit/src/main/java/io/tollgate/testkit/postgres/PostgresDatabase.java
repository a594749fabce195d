package io.tollgate.testkit.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the JVM's shared PostgreSQL server, made for one test class:
 * <pre>{@code static final PostgresDatabase DB = PostgresDatabase.create();}</pre>
 * Classes never see each other's tables, while the server starts only once per JVM.
 */
public final class PostgresDatabase {
    private final PostgresServer server;
    private final String name;

    private PostgresDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a new, empty database now. */
    public static PostgresDatabase create() {
        PostgresServer server = SharedPostgres.get();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try {
            server.createDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return new PostgresDatabase(server, name);
    }

    public PostgresServer server() {
        return server;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String username() {
        return server.superuser();
    }

    public String password() {
        return server.superuserPassword();
    }

    /** A superuser connection to this database. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Micronaut properties that point a service's default datasource at this database. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", username(),
                "datasources.default.password", password());
    }
}
