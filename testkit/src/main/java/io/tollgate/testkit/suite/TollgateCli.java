package io.tollgate.testkit.suite;

import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./tollgate up [--clean] [--spark]} and {@code ./tollgate down}: the whole suite on one
 * machine, on an embedded PostgreSQL whose data is kept under {@code .tollgate/}; with
 * {@code --spark}, a Spark Connect server per demo tenant too (and connect-service where built).
 */
public final class TollgateCli {
    private static final String USAGE = "usage: ./tollgate up [--clean] [--spark] | down";

    private TollgateCli() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tollgate.root", System.getProperty("user.dir"))).toAbsolutePath();
        Path state = root.resolve(".tollgate");
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "up" -> up(root, state, List.of(args).contains("--clean"), List.of(args).contains("--spark"));
            case "down" -> down(state);
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    private static void up(Path root, Path state, boolean clean, boolean spark) throws Exception {
        Path pidFile = state.resolve("run.pids");
        Optional<ProcessHandle> running = launcher(pidFile);
        if (running.isPresent()) {
            System.err.println("Tollgate is already running (pid " + running.get().pid() + "); ./tollgate down stops it.");
            System.exit(1);
        }
        if (clean && Files.exists(state)) {
            System.out.println("Removing " + state + " for a clean start");
            Directories.deleteRecursively(state);
        }
        Files.createDirectories(state);
        int postgresPort = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_POSTGRES_PORT", "54329"));
        System.out.println("Starting PostgreSQL on port " + postgresPort + " (data in .tollgate/pg)");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(state.resolve("pg"), postgresPort);
        System.out.println(spark ? "Starting a Spark Connect server per demo tenant (logs in .tollgate/spark), then"
                + " provisioning the demo and starting the services..."
                : "Provisioning the demo and starting the four services...");
        Suite suite;
        try {
            suite = spark ? Suite.startWithSpark(root, state, postgres, true, SuitePorts.defaults(), "")
                    : Suite.start(root, state, postgres, true, SuitePorts.defaults(), "");
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(ProcessHandle.current().pid()));
        suite.services().forEach(s -> pids.add(Long.toString(s.pid())));
        suite.sparkServerPids().forEach(pid -> pids.add(Long.toString(pid)));
        // The postmaster too, so that `down` can stop it even if this launcher was killed outright.
        Path postmaster = state.resolve("pg").resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            Files.readAllLines(postmaster).stream().findFirst().ifPresent(pid -> pids.add(pid.trim()));
        }
        Files.write(pidFile, pids);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Tollgate...");
            suite.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // best effort
            }
            stopped.countDown();
        }, "tollgate-down"));
        printBanner(suite, state);
        stopped.await();
    }

    private static void printBanner(Suite suite, Path state) {
        DemoTenant.DemoAccount reader = DemoTenant.all().get(0).accounts().get(0);
        System.out.println();
        System.out.println("Tollgate is up. Endpoints and demo credentials: " + state.resolve("demo.env"));
        System.out.println("  Flight SQL       " + suite.flightUri());
        System.out.println("  Iceberg catalog  " + suite.catalogUri() + "  (warehouses: "
                + String.join(", ", DemoTenant.all().stream().flatMap(t -> t.warehouseNames().stream()).toList()) + ")");
        System.out.println("  auth / router    http://localhost:" + suite.ports().authHttp()
                + "  http://localhost:" + suite.ports().routerHttp());
        System.out.println("  metrics          http://localhost:<port>/metrics, auth " + suite.metricsPort("auth-service")
                + ", router " + suite.metricsPort("router-service") + ", flight " + suite.metricsPort("flight-service")
                + ", catalog " + suite.metricsPort("catalog-service"));
        System.out.println("  logs             " + state.resolve("logs"));
        System.out.println();
        System.out.println("Connect a SQL client (Arrow Flight SQL JDBC driver) as " + reader.username() + ":");
        System.out.println("  " + suite.flightJdbcUrl() + "&user=" + reader.username() + "&password=" + suite.password(reader));
        for (DemoTenant tenant : DemoTenant.all()) {
            printCatalogSettings(suite.catalogClientSettings(tenant), tenant);
        }
        if (suite.hasSpark()) {
            printSparkConnect(suite);
        }
        System.out.println();
        System.out.println("Ctrl-C (or ./tollgate down) stops everything.");
    }

    /** Iceberg Java, Spark and PyIceberg settings for one tenant's warehouse, indented for pasting. */
    private static void printCatalogSettings(CatalogClientSettings settings, DemoTenant tenant) {
        System.out.println();
        System.out.println("Point an Iceberg client at " + tenant.id() + "'s warehouse " + tenant.warehouseName()
                + " (OAuth2 client " + tenant.catalogClientId() + ", role writer):");
        System.out.println("  Iceberg Java (RESTCatalog properties):");
        System.out.print(indent(settings.javaProperties(), "    "));
        System.out.println("  Spark (spark-defaults.conf; add the iceberg-spark-runtime jar):");
        System.out.print(indent(settings.sparkProperties(), "    "));
        System.out.println("  PyIceberg (~/.pyiceberg.yaml):");
        System.out.print(indent(settings.pyIcebergYaml(), "    "));
    }

    /** A Spark Connect URL per demo account, or where the servers run when no gateway fronts them yet. */
    private static void printSparkConnect(Suite suite) {
        System.out.println();
        String servers = DemoTenant.all().stream().map(t -> t.id() + " " + suite.sparkBackendEndpoint(t))
                .reduce((a, b) -> a + ", " + b).orElse("");
        if (suite.sparkConnectUri().isEmpty()) {
            System.out.println("Spark Connect servers run per tenant (" + servers + ") and are registered as each"
                    + " tenant's upstream \"" + SparkBackends.UPSTREAM + "\"; connect-service, the gateway in front of"
                    + " them, is not in this checkout, so no client URL is printed.");
            return;
        }
        String uri = suite.sparkConnectUri().get();
        System.out.println("Connect a Spark Connect client (pyspark --remote, spark-shell --remote, Spark's JVM client) to"
                + " connect-service, " + uri + ", as a demo account (tenants' servers: " + servers + "):");
        SparkConnectRecipes.lines(suite, uri).forEach(System.out::println);
        DemoTenant.DemoAccount reader = DemoTenant.all().get(0).accounts().get(0);
        System.out.println("  Tokens last 15 minutes; a fresh one is the access_token of (after source .tollgate/demo.env):");
        System.out.println("    " + SparkConnectRecipes.renewal(suite, reader));
    }

    private static String indent(String lines, String indent) {
        return lines.lines().map(line -> indent + line + "\n").reduce("", String::concat);
    }

    private static void down(Path state) throws Exception {
        Path pidFile = state.resolve("run.pids");
        if (!Files.exists(pidFile)) {
            System.out.println("Tollgate is not running.");
            return;
        }
        List<ProcessHandle> processes = Files.readAllLines(pidFile).stream()
                .filter(line -> !line.isBlank())
                .map(line -> ProcessHandle.of(Long.parseLong(line.trim())))
                .flatMap(Optional::stream)
                .toList();
        // The launcher's shutdown hook stops the services and PostgreSQL in order.
        processes.stream().findFirst().ifPresent(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
        System.out.println("Tollgate stopped.");
    }

    private static Optional<ProcessHandle> launcher(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst()
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())))
                .filter(ProcessHandle::isAlive);
    }
}
