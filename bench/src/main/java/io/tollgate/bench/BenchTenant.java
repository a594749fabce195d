package io.tollgate.bench;

import io.tollgate.testkit.suite.DemoProvisioner;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Changes the benchmark tenant's limits the way an operator would: through router-service's admin API. */
final class BenchTenant {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchTenant() {
    }

    /**
     * Gives acme's reader class a pool of {@code connections} and room for {@code concurrentQueries} queries at
     * once (the demo's limits are sized for a laptop, not for a concurrency benchmark), and waits
     * until flight-service has seen the change.
     */
    static void allowConcurrency(Suite suite, int connections, int concurrentQueries) throws Exception {
        DemoTenant acme = DemoTenant.all().get(0);
        String admin = SuiteClients.login(suite, Suite.PLATFORM_ADMIN, suite.platformAdminPassword());
        String body = String.format("""
                {"id": "%s", "displayName": "%s", "labels": {"demo": "true"},
                 "sqlBackend": {"jdbcUrl": "%s", "isolationMode": "DEDICATED",
                                "credentials": {"username": "%s"},
                                "pool": {"maxConnections": %d, "minIdle": %d, "connectionTimeoutMs": 5000}},
                 "contextVariables": [{"name": "tollgate.tenant_id", "source": "TENANT_ID"}],
                 "quotas": {"maxConcurrentQueries": %d, "statementTimeoutMs": 60000,
                            "maxResultRows": 0, "maxResultBytes": 0}}""",
                acme.id(), acme.name(), suite.postgres().jdbcUrl(suite.databaseOf(acme)),
                // maxConnections is the tenant's total across its access classes, of which the
                // reader class (the benchmark's clients) gets half: ask for twice as many.
                DemoProvisioner.roleOf(acme), 2 * connections, 2 * connections, concurrentQueries);
        HttpResponse<String> replaced = HTTP.send(HttpRequest.newBuilder(
                        URI.create(suite.routerUri() + "/admin/v1/tenants/" + acme.id()))
                .header("Authorization", "Bearer " + admin)
                .header("If-Match", SuiteClients.etag(suite, admin, acme.id()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (replaced.statusCode() != 200) {
            throw new IllegalStateException("replacing the tenant answered " + replaced.statusCode() + ": "
                    + replaced.body());
        }
        // flight-service learns of it through WatchTenants, within moments.
        Thread.sleep(2_000);
    }
}
