package io.tollgate.bench;

import io.grpc.ManagedChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Logins and admin calls the suite benchmarks share. */
final class SuiteClients {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SuiteClients() {
    }

    /** A channel to auth-service as a caller the suite's certificates name (internal mutual TLS). */
    static ManagedChannel authChannel(Suite suite, String caller) {
        return suite.certificates().channel(suite.ports().authGrpc(), caller, "auth-service");
    }

    /** A channel to router-service as flight-service, the consumer shown whole routes. */
    static ManagedChannel routerChannel(Suite suite) {
        return suite.certificates().channel(suite.ports().routerGrpc(), "flight-service", "router-service");
    }

    static String login(Suite suite, String username, String password) {
        ManagedChannel channel = authChannel(suite, "flight-service");
        try {
            return AuthServiceGrpc.newBlockingStub(channel).authenticate(AuthenticateRequest.newBuilder()
                    .setUsername(username).setPassword(password).build()).getAccessToken();
        } finally {
            channel.shutdownNow();
        }
    }

    static String login(Suite suite, DemoTenant.DemoAccount account) {
        return login(suite, account.username(), suite.password(account));
    }

    /** The tenant's current ETag (its revision, quoted). */
    static String etag(Suite suite, String adminToken, String tenant) throws Exception {
        HttpResponse<String> current = HTTP.send(HttpRequest.newBuilder(
                        URI.create(suite.routerUri() + "/admin/v1/tenants/" + tenant))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        return current.headers().firstValue("ETag").orElseThrow(() ->
                new IllegalStateException("no ETag: " + current.statusCode() + " " + current.body()));
    }

    static long revision(String etag) {
        return Long.parseLong(etag.replace("W/", "").replace("\"", ""));
    }

    /** POSTs an admin action on a tenant with its current ETag; returns the new revision. */
    static long tenantAction(Suite suite, String adminToken, String tenant, String action) throws Exception {
        String base = suite.routerUri() + "/admin/v1/tenants/" + tenant;
        String etag = etag(suite, adminToken, tenant);
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/" + action))
                .header("Authorization", "Bearer " + adminToken).header("If-Match", etag)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + done.statusCode() + ": " + done.body());
        }
        return revision(done.headers().firstValue("ETag").orElseThrow());
    }
}
