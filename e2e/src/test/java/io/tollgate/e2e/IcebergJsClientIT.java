package io.tollgate.e2e;

import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A non-Java client: npm's iceberg-js, run by the machine's node against the whole suite. The
 * library is installed at test time into a temporary directory (nothing of npm's is committed: a
 * lock file would name the registry), once per run; the script it runs is
 * {@code src/test/resources/iceberg-js/walk.mjs}, which prints what it saw as JSON. Skipped, with
 * the reason, only where node or npm is not installed.
 */
class IcebergJsClientIT {
    private static final String ICEBERG_JS = "iceberg-js@1.0.0";
    private static final DemoTenant ACME = DemoTenant.all().get(0);

    @TempDir
    static Path state;
    static Path client;
    static Suite suite;

    @BeforeAll
    static void installIcebergJsAndStartTheSuite() throws Exception {
        Assumptions.assumeTrue(installed("node"), "node is not installed here: the iceberg-js client cannot run");
        Assumptions.assumeTrue(installed("npm"), "npm is not installed here: iceberg-js cannot be installed");
        client = Files.createDirectories(state.resolve("iceberg-js"));
        run(client, Map.of(), 300, "npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                client.toString(), ICEBERG_JS);
        try (InputStream script = IcebergJsClientIT.class.getResourceAsStream("/iceberg-js/walk.mjs")) {
            Files.copy(script, client.resolve("walk.mjs"));
        }
        suite = Suite.startForTest(state.resolve("suite"));
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void icebergJsWalksConfigNamespacesAndTablesOfItsTenantsWarehouse() throws Exception {
        String token = new AuthHttp(suite).accessToken(FlightJdbc.account(ACME, "writer"), "catalog");
        JsonBody seen = JsonBody.parse(run(client, Map.of(
                "ICEBERG_URI", suite.catalogUri(),
                "ICEBERG_WAREHOUSE", ACME.warehouseName(),
                "ICEBERG_TOKEN", token,
                "ICEBERG_NAMESPACE", "js_events"), 120, "node", "walk.mjs"));

        assertFalse(seen.has("/failure"), () -> "the walk failed: " + seen.at("/failure"));
        seen.assertEquals("/prefix", ACME.warehouseName());
        List<String> endpoints = new ArrayList<>();
        seen.at("/endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
        assertTrue(endpoints.containsAll(List.of("POST /v1/{prefix}/namespaces",
                "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}")), endpoints.toString());

        assertTrue(seen.at("/namespaces").toString().contains("\"js_events\""), seen.at("/namespaces").toString());
        seen.assertEquals("/namespaceProperties/properties/owner", "iceberg-js");
        assertTrue(seen.text("/created/location").startsWith(suite.warehouseLocation(ACME) + "/"),
                seen.text("/created/location"));
        seen.assertEquals("/firstLoad/columns", List.of("id", "kind", "at"));
        seen.assertEquals("/firstLoad/partitionFields", List.of("day"));
        // The first load's ETag, sent back as If-None-Match, gets 304: the table has not changed.
        assertFalse(seen.at("/firstLoad/etag").isNull(), "the catalog sent no ETag");
        seen.assertEquals("/secondLoad/notModified", true);
        seen.assertEquals("/tables", List.of("js_events.events"));
        seen.assertEquals("/missingTable", "404 NoSuchTableException");
    }

    private static boolean installed(String command) {
        try {
            Process probe = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in {@code directory}; its standard output, or a failure with its error output. */
    private static String run(Path directory, Map<String, String> env, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile(directory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(errors.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within " + timeoutSeconds + " s");
        }
        String err = Files.readString(errors);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command[0], command[1]) + " failed: " + err + out);
        return out;
    }
}
