package io.tollgate.testkit.postgres;

import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL in a Testcontainers container, where a Docker engine is available. */
public final class ContainerPostgresServer implements PostgresServer {
    private static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer<?> container;

    private ContainerPostgresServer(PostgreSQLContainer<?> container) {
        this.container = container;
    }

    public static ContainerPostgresServer start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE)
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        container.start();
        return new ContainerPostgresServer(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String superuser() {
        return container.getUsername();
    }

    @Override
    public String superuserPassword() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
