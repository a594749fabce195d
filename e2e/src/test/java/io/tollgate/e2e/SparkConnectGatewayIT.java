package io.tollgate.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.suite.DemoProvisioner;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import io.tollgate.testkit.tls.TestPki;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkproject.io.grpc.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's own JVM client through connect-service to a real Spark Connect server per demo tenant
 * (issue #17): the whole suite started once, the gateway serving TLS from a CA of the suite's own,
 * which this JVM trusts the way the docs tell a JVM client to (its trust store). Every case asserts
 * what a Spark user, or the tenant's Spark server, observes.
 */
class SparkConnectGatewayIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);
    private static final DemoTenant.DemoAccount ACME_READER = ACME.accounts().get(0);
    private static final DemoTenant.DemoAccount ACME_ADMIN = ACME.accounts().get(1);
    private static final DemoTenant.DemoAccount ACME_WRITER = ACME.accounts().get(2);
    private static final DemoTenant.DemoAccount GLOBEX_READER = GLOBEX.accounts().get(0);
    // Runs for many minutes on local[2]: only an interruption ends it within a test.
    private static final String LONG_QUERY = "SELECT sum(id % 7) FROM range(0, 1099511627776, 1, 2)";
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path stateDir;
    private static Suite suite;
    private static AuthHttp auth;
    private static String previousTrustStore;
    private static String previousTrustStorePassword;
    private static String previousTrustStoreType;

    @BeforeAll
    static void startSuite() throws Exception {
        stateDir = Directories.createTemporary("spark-gateway-e2e");
        suite = Suite.startForTestWithSpark(stateDir);
        auth = new AuthHttp(suite);
        TestPki.Issued ca = suite.sparkConnectCa().orElseThrow();
        String password = UUID.randomUUID().toString();
        Path trustStore = TestPki.trustStore(stateDir, ca, password);
        previousTrustStore = System.getProperty("javax.net.ssl.trustStore");
        previousTrustStorePassword = System.getProperty("javax.net.ssl.trustStorePassword");
        previousTrustStoreType = System.getProperty("javax.net.ssl.trustStoreType");
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", password);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    @AfterAll
    static void stopSuite() throws Exception {
        restore("javax.net.ssl.trustStore", previousTrustStore);
        restore("javax.net.ssl.trustStorePassword", previousTrustStorePassword);
        restore("javax.net.ssl.trustStoreType", previousTrustStoreType);
        if (suite != null) {
            suite.close();
        }
        if (stateDir != null) {
            Directories.deleteRecursively(stateDir);
        }
    }

    @Test
    void sqlDataFramesCsvAndParquetRunOnTheTenantsSparkOverTls() throws Exception {
        Path files = Directories.createTemporary("spark-gateway-files");
        String sessionId;
        try (SparkSession spark = session(token(ACME_WRITER), "")) {
            sessionId = spark.sessionId();
            assertEquals(1, spark.sql("SELECT 1 AS one").collectAsList().get(0).getInt(0));
            Dataset<Row> squares = spark.range(0, 10).selectExpr("id", "id * id AS square").where("id % 2 = 0");
            assertEquals(List.of(0L, 4L, 16L, 36L, 64L),
                    squares.orderBy("id").collectAsList().stream().map(row -> row.getLong(1)).toList());

            Path csv = Files.writeString(files.resolve("orders.csv"), "customer,amount\nWile E. Coyote,12\nRoad Runner,30\n");
            Row total = spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                    .selectExpr("count(*)", "sum(amount)").collectAsList().get(0);
            assertEquals(2L, total.getLong(0));
            assertEquals(42L, total.getLong(1));

            String parquet = files.resolve("squares.parquet").toString();
            squares.write().parquet(parquet);
            assertEquals(List.of(0L, 4L, 16L, 36L, 64L), spark.read().parquet(parquet).orderBy("id")
                    .collectAsList().stream().map(row -> row.getLong(1)).toList());
        } finally {
            Directories.deleteRecursively(files);
        }

        // The audit trail names what Spark's own client ran, by plan kind, and the session's start and end.
        Await.until(() -> auditLines(sessionId).stream().anyMatch(line -> line.contains("event=spark.session.end ")),
                SOON, "the released session's end is audited");
        List<String> audited = auditLines(sessionId);
        List<String> kinds = audited.stream().filter(line -> line.contains("event=spark.call method=ExecutePlan "))
                .map(line -> line.replaceAll(".* plan=(\\S+) .*", "$1")).toList();
        assertTrue(kinds.contains("command:write_operation") && kinds.contains("root:sort"), kinds.toString());
        assertTrue(kinds.stream().allMatch(kind -> kind.matches("(root|command):[a-z_0-9]+")), kinds.toString());
        assertEquals(1, audited.stream().filter(line -> line.contains("event=spark.session.start ")).count(),
                audited.toString());
        assertTrue(audited.stream().anyMatch(line -> line.endsWith(" reason=released")), audited.toString());
        assertTrue(audited.stream().noneMatch(line -> line.contains("square")), "no statement text in the trail");
    }

    /** connect-service's audit lines about one session, from its log. */
    private static List<String> auditLines(String sessionId) {
        try {
            return Files.readAllLines(suite.service("connect-service").log()).stream()
                    .filter(line -> line.contains("io.tollgate.audit") && line.contains(" session=" + sessionId + " "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noForgedWrongScopeOrRevokedTokenIsServed() throws Exception {
        assertRefused(session(null, ""), "invalid credentials");
        assertRefused(session("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbkBhY21lIn0.c2lnbmF0dXJl", ""),
                "invalid credentials");
        assertRefused(session(auth.accessToken(ACME_READER, "sql"), ""), "token lacks scope 'spark'");
        // Well-formed, never seen, naming auth-service's real key, its signature over other claims:
        // refused for its signature (on the transport's thread once the gateway holds the key set).
        String[] reader = token(ACME_READER).split("\\.");
        String[] writer = token(ACME_WRITER).split("\\.");
        assertRefused(session(reader[0] + "." + writer[1] + "." + reader[2], ""), "invalid credentials");

        String revoked = token(ACME_READER);
        auth.revoke(auth.accessToken(ACME_ADMIN, null), revoked);
        Await.until(() -> refusal(session(revoked, "")).contains("invalid credentials"), SOON,
                "a revoked token is refused once auth-service has streamed its revocation");
    }

    @Test
    void theBackendSeesTheVerifiedUserNeverTheClaimedOne() {
        try (SparkSession spark = session(token(ACME_READER), ";user_id=admin@globex;user_name=admin")) {
            spark.sql("SELECT 1").collectAsList();
            String log = suite.sparkBackendLog(ACME);
            assertTrue(log.contains("userId: " + ACME_READER.username() + " and sessionId: " + spark.sessionId()),
                    "acme's Spark opened the session for the token's user");
            assertFalse(log.contains("admin@globex"), "the user the client claimed never reaches Spark");
        }
    }

    @Test
    void aSecondPrincipalPresentingTheFirstsSessionIdCannotSeeItsTempViews() {
        try (SparkSession reader = session(token(ACME_READER), "")) {
            reader.sql("SELECT 'reader-only' AS secret").createOrReplaceTempView("private_view");
            assertEquals("reader-only", reader.sql("SELECT secret FROM private_view").collectAsList().get(0).getString(0));
            try (SparkSession writer = session(token(ACME_WRITER), ";session_id=" + reader.sessionId())) {
                assertEquals(reader.sessionId(), writer.sessionId());
                Exception missing = assertThrows(Exception.class,
                        () -> writer.sql("SELECT secret FROM private_view").collectAsList());
                assertTrue(messages(missing).contains("TABLE_OR_VIEW_NOT_FOUND"), messages(missing));
            }
        }
    }

    @Test
    void aClonedSessionIsServedWithItsSourcesTempViews() {
        try (SparkSession source = session(token(ACME_WRITER), "")) {
            source.sql("SELECT 'copied' AS word").createOrReplaceTempView("to_clone");
            // Spark's client names no new session id: the gateway chooses one beside the source.
            try (SparkSession clone = source.cloneSession()) {
                assertFalse(clone.sessionId().equals(source.sessionId()));
                assertEquals("copied", clone.sql("SELECT word FROM to_clone").collectAsList().get(0).getString(0));
            }
        }
    }

    @Test
    void eachTenantReachesItsOwnSparkAndNeverTheOthers() {
        String table = "acme_only_" + Long.toHexString(System.nanoTime());
        try (SparkSession acme = session(token(ACME_WRITER), "")) {
            acme.sql("CREATE TABLE " + table + " USING parquet AS SELECT 1 AS id").collectAsList();
            assertTrue(tableNames(acme).contains(table));
        }
        try (SparkSession globex = session(token(GLOBEX_READER), "")) {
            assertFalse(tableNames(globex).contains(table), "globex's Spark has no table of acme's");
            String globexSession = globex.sessionId();
            assertTrue(suite.sparkBackendLog(GLOBEX).contains("userId: " + GLOBEX_READER.username()));
            assertFalse(suite.sparkBackendLog(ACME).contains(globexSession), "acme's Spark never saw globex's session");
        }
        assertFalse(suite.sparkBackendLog(GLOBEX).contains("@" + ACME.id()), "globex's Spark never saw an acme user");
    }

    @Test
    void aCancelledQueryIsInterruptedOnTheBackend() throws Exception {
        try (SparkSession spark = session(token(ACME_READER), "")) {
            int logged = suite.sparkBackendLog(ACME).length();
            Context.CancellableContext call = Context.current().withCancellation();
            CompletableFuture<List<Row>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return call.call(() -> spark.sql(LONG_QUERY).collectAsList());
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            awaitJobStarted(logged, running);
            // The RPC is cancelled, as when a client process dies: Spark's client sends no Interrupt itself.
            call.cancel(null);
            assertThrows(ExecutionException.class, () -> running.get(1, TimeUnit.MINUTES));
            awaitJobCancelled(logged, spark, "acme's Spark cancels the job of the cancelled call");
        }
    }

    @Test
    void aRevokedTokensRunningQueryEndsWithinSeconds() throws Exception {
        String token = token(ACME_READER);
        try (SparkSession spark = session(token, "")) {
            int logged = suite.sparkBackendLog(ACME).length();
            CompletableFuture<List<Row>> running = CompletableFuture.supplyAsync(
                    () -> spark.sql(LONG_QUERY).collectAsList());
            awaitJobStarted(logged, running);
            auth.revoke(auth.accessToken(ACME_ADMIN, null), token);
            // The gateway checks its open calls every 200 ms; revocations stream from auth-service.
            Await.until(running::isDone, Duration.ofSeconds(5), "the revoked token's query stream ends");
            ExecutionException ended = assertThrows(ExecutionException.class, running::get);
            assertTrue(messages(ended).contains("invalid credentials"), messages(ended));
            awaitJobCancelled(logged, spark, "acme's Spark cancels the revoked caller's job");
        }
    }

    @Test
    void sessionsOverTheTenantsQuotaAreRefused() throws Exception {
        String admin = auth.platformAdminToken();
        try (SparkSession holder = session(token(GLOBEX_READER), "")) {
            holder.sql("SELECT 1").collectAsList();
            setSparkSessionQuota(admin, 1);
            try {
                Await.until(() -> refusal(session(token(GLOBEX_READER), ""))
                                .contains("Spark Connect limit reached: max_spark_sessions = 1"),
                        SOON, "a second session is refused once the gateway has the tenant's quota");
                // The session already held goes on.
                assertEquals(1, holder.sql("SELECT 1").collectAsList().get(0).getInt(0));
            } finally {
                setSparkSessionQuota(admin, 0);
            }
        }
    }

    /**
     * Replaces globex's definition through router-service's admin API, as an operator would, with its
     * Spark Connect sessions quota set (0: connect-service's default); its passwords and logins are
     * left out, which keeps them.
     */
    private static void setSparkSessionQuota(String adminToken, int sessions) throws Exception {
        Map<String, Object> quotas = new LinkedHashMap<>(Map.of("maxConcurrentQueries", 8, "statementTimeoutMs", 60000,
                "maxResultRows", 0, "maxResultBytes", 0));
        quotas.put("maxSparkSessions", sessions);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("id", GLOBEX.id());
        definition.put("displayName", GLOBEX.name());
        definition.put("labels", Map.of("demo", "true"));
        definition.put("sqlBackend", Map.of("jdbcUrl", suite.postgres().jdbcUrl(suite.databaseOf(GLOBEX)),
                "isolationMode", "SHARED_RLS", "credentials", Map.of("username", DemoProvisioner.roleOf(GLOBEX))));
        definition.put("contextVariables", List.of(Map.of("name", "tollgate.tenant_id", "source", "TENANT_ID")));
        definition.put("quotas", quotas);
        definition.put("warehouses", List.of(Map.of("name", GLOBEX.warehouseName(),
                "location", suite.warehouseLocation(GLOBEX))));
        definition.put("upstreams", List.of(suite.sparkUpstream(GLOBEX)));
        String uri = suite.routerUri() + "/admin/v1/tenants/" + GLOBEX.id();
        HttpResponse<String> current = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, current.statusCode(), current.body());
        HttpResponse<String> replaced = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + adminToken)
                .header("If-Match", current.headers().firstValue("ETag").orElseThrow())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(definition))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, replaced.statusCode(), replaced.body());
    }

    private static void awaitJobStarted(int loggedBefore, CompletableFuture<?> running) {
        Await.until(() -> suite.sparkBackendLog(ACME).substring(loggedBefore).contains("DAGScheduler: Got "), SOON,
                () -> "acme's Spark started the long query's job; the query: " + outcome(running) + "; Spark's log since: "
                        + tail(suite.sparkBackendLog(ACME).substring(loggedBefore)));
    }

    /** Until acme's Spark has logged cancelling the jobs of the reader's session (its own job tag names both). */
    private static void awaitJobCancelled(int loggedBefore, SparkSession spark, String message) {
        Await.until(() -> suite.sparkBackendLog(ACME).substring(loggedBefore)
                .contains("Asked to cancel jobs with tag SparkConnect_OperationTag_User_" + ACME_READER.username()
                        + "_Session_" + spark.sessionId()), SOON, message);
    }

    private static String outcome(CompletableFuture<?> running) {
        if (!running.isDone()) {
            return "running";
        }
        try {
            return "ended with " + running.join();
        } catch (CompletionException e) {
            return "failed: " + messages(e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    private static SparkSession session(String token, String parameters) {
        String url = suite.sparkConnectUri().orElseThrow() + "/;use_ssl=true" + (token == null ? "" : ";token=" + token)
                + parameters;
        return SparkSession.builder().remote(url).create();
    }

    private static String token(DemoTenant.DemoAccount account) {
        try {
            return auth.accessToken(account, "spark");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(SparkSession spark, String expected) {
        String refusal = refusal(spark);
        assertTrue(refusal.contains(expected), refusal);
    }

    /** The messages of the failure a session's first query ends in; empty when it was served. */
    private static String refusal(SparkSession spark) {
        try (spark) {
            spark.sql("SELECT 1").collectAsList();
            return "";
        } catch (Exception e) {
            return messages(e);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static List<String> tableNames(SparkSession spark) {
        return spark.sql("SHOW TABLES").collectAsList().stream().map(row -> row.getString(1)).toList();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
