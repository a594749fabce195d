package io.tollgate.e2e;

import io.grpc.ManagedChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections of the Arrow Flight SQL JDBC driver to a running suite, as a demo account: it logs in
 * once (as a client would, through auth-service) and reuses the bearer token for every connection.
 */
final class FlightJdbc {
    private final Suite suite;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    FlightJdbc(Suite suite) {
        this.suite = suite;
    }

    String token(DemoTenant.DemoAccount account) {
        return tokens.computeIfAbsent(account.username(), name -> {
            // Logins come through a data service: the test calls auth-service as flight-service does.
            ManagedChannel channel = suite.certificates().channel(suite.ports().authGrpc(), "flight-service",
                    "auth-service");
            try {
                return AuthServiceGrpc.newBlockingStub(channel).authenticate(AuthenticateRequest.newBuilder()
                        .setUsername(name).setPassword(suite.password(account)).build()).getAccessToken();
            } finally {
                channel.shutdownNow();
            }
        });
    }

    Connection connect(DemoTenant.DemoAccount account) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("token", token(account));
        properties.setProperty("useEncryption", "false");
        return DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:" + suite.ports().flight(), properties);
    }

    /** The account of this tenant with this name (reader, writer, admin). */
    static DemoTenant.DemoAccount account(DemoTenant tenant, String name) {
        return tenant.accounts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
