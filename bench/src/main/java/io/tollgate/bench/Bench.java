package io.tollgate.bench;

import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.postgres.EmbeddedPostgresServer;
import io.tollgate.testkit.suite.Suite;
import io.tollgate.testkit.suite.SuitePorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks named on the command line (all when none are): each prints Tollgate's numbers
 * next to its baseline measured in the same run, and their ratio. Suite benchmarks start the whole
 * suite once, on a throw-away embedded PostgreSQL and free ports; with {@code connect}, the suite also
 * runs a Spark Connect server per demo tenant and connect-service in front of them.
 */
public final class Bench {
    private static final Set<String> IN_PROCESS = Set.of("tokens");
    private static final List<String> ALL = List.of("tokens", "login", "extauthz", "resolve", "fanout", "read", "point", "catalog",
            "connect");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> selected = args.length == 0 ? ALL : List.of(args);
        System.out.println("Tollgate benchmarks on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        if (selected.contains("tokens")) {
            TokenVerificationBench.run(5);
        }
        if (selected.stream().anyMatch(name -> !IN_PROCESS.contains(name))) {
            runSuiteBenches(selected);
        }
    }

    private static void runSuiteBenches(List<String> selected) throws Exception {
        Path root = Path.of(System.getProperty("tollgate.root", ".")).toAbsolutePath();
        Path state = Files.createTempDirectory("tollgate-bench");
        // The suite's state holds its secrets and logs (100+ MB with Spark): gone with the run unless asked to keep.
        if (!Boolean.getBoolean("bench.keep-state")) {
            Directories.deleteOnExit(state);
        } else {
            System.out.println("# the suite's state (secrets, logs) is kept in " + state);
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startEphemeral();
        // Benchmarks measure the work, not the limiter that protects it.
        Map<String, Map<String, String>> settings = Map.of(
                "auth-service", Map.of("TOLLGATE_AUTH_RATE_LIMIT_ENABLED", "false"),
                "connect-service", ConnectBench.GATEWAY_SETTINGS);
        try (Suite suite = selected.contains("connect")
                ? Suite.startWithSpark(root, state, postgres, true, SuitePorts.any(), "", settings)
                : Suite.start(root, state, postgres, true, SuitePorts.any(), "", settings)) {
            if (selected.contains("login")) {
                LoginBench.run(suite);
            }
            if (selected.contains("extauthz")) {
                ExtAuthzBench.run(suite);
            }
            if (selected.contains("resolve")) {
                TenantResolveBench.run(suite);
            }
            if (selected.contains("fanout")) {
                WatchFanoutBench.run(suite);
            }
            long rows = Long.getLong("bench.rows", 10_000_000L);
            if (selected.contains("read")) {
                BulkReadBench.run(suite, rows);
            }
            if (selected.contains("point")) {
                PointQueryBench.run(suite, rows);
            }
            if (selected.contains("catalog")) {
                CatalogBench.run(suite, state);
            }
            if (selected.contains("connect")) {
                ConnectBench.run(suite, state);
            }
        }
    }
}
