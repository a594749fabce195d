package io.tollgate.testkit.postgres;

import org.testcontainers.DockerClientFactory;

/**
 * The one PostgreSQL server of a test JVM, started on first use and stopped when the JVM exits.
 * Testcontainers where a Docker engine answers, the embedded binaries otherwise; the system
 * property {@code tollgate.test.postgres} ({@code container} or {@code embedded}) forces a choice.
 */
public final class SharedPostgres {
    private static PostgresServer server;

    private SharedPostgres() {
    }

    public static synchronized PostgresServer get() {
        if (server == null) {
            server = startServer();
            PostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-postgres-stop"));
        }
        return server;
    }

    private static PostgresServer startServer() {
        String choice = System.getProperty("tollgate.test.postgres", "auto");
        boolean container = switch (choice) {
            case "container" -> true;
            case "embedded" -> false;
            default -> dockerAvailable();
        };
        return container ? ContainerPostgresServer.start() : EmbeddedPostgresServer.startEphemeral();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
