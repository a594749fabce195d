package io.tollgate.bench;

import io.tollgate.testkit.postgres.PostgresServer;
import org.apache.iceberg.rest.RESTCatalogServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache Iceberg's reference REST catalog ({@code RESTCatalogServer} from iceberg-open-api's test
 * fixtures: Iceberg's handlers in a Jetty servlet) in this JVM, on its {@code JdbcCatalog} over a
 * database of its own on the suite's PostgreSQL, with the same connection-pool size as
 * catalog-service. It has no authentication and one catalog, so its URL has no prefix.
 */
final class ReferenceCatalogServer implements AutoCloseable {
    private final RESTCatalogServer server;
    private final int port;

    private ReferenceCatalogServer(RESTCatalogServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static ReferenceCatalogServer start(PostgresServer postgres, String database, Path warehouse, int poolSize)
            throws Exception {
        postgres.createDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("uri", postgres.jdbcUrl(database));
        config.put("jdbc.user", postgres.superuser());
        config.put("jdbc.password", postgres.superuserPassword());
        config.put("clients", Integer.toString(poolSize));
        config.put("warehouse", warehouse.toAbsolutePath().toString());
        config.put(RESTCatalogServer.REST_PORT, "0");
        // The fixture's constructor that takes a configuration is package-private (the kit's own
        // extension calls it); its public one reads only environment variables.
        Constructor<RESTCatalogServer> configured = RESTCatalogServer.class.getDeclaredConstructor(Map.class);
        configured.setAccessible(true);
        RESTCatalogServer server = configured.newInstance(config);
        server.start(false);
        Field jetty = RESTCatalogServer.class.getDeclaredField("httpServer");
        jetty.setAccessible(true);
        int port = ((ServerConnector) ((Server) jetty.get(server)).getConnectors()[0]).getLocalPort();
        return new ReferenceCatalogServer(server, port);
    }

    String uri() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
