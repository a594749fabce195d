package io.tollgate.bench;

import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Iceberg REST catalog (issue 15): loadTable, listTables and a commit round (load, then commit
 * a property change) at 1 and 32 concurrent clients, catalog-service (with a writer's bearer token,
 * through the tenant gate and role checks) next to Apache Iceberg's reference REST server over a
 * database of the same PostgreSQL, in the same run. Each client commits to a table of its own, so
 * the commit round measures the catalog, not contention on one table.
 */
final class CatalogBench {
    private static final int MAX_CLIENTS = 32;
    /** catalog-service's default {@code datasources.default.maximum-pool-size}; the reference gets the same. */
    private static final int POOL_SIZE = 10;
    /** Clients of the warm-up before the measured phases. */
    private static final int WARM_UP_CLIENTS = 8;
    /** Rounds a phase's measured requests are split into, the server measured first alternating. */
    private static final int ROUNDS = 4;

    private CatalogBench() {
    }

    /** One operation of a client; {@code i} numbers its calls, {@code client} is the thread's index. */
    @FunctionalInterface
    private interface CatalogOp {
        void run(CatalogClients catalog, int client, long i) throws Exception;
    }

    static void run(Suite suite, Path state) throws Exception {
        Report.header("Iceberg REST catalog: catalog-service vs Iceberg's reference RESTCatalogServer (issue 15)");
        int requests = Integer.getInteger("bench.catalog.requests", 8_000);
        int warmUp = Integer.getInteger("bench.catalog.warmup", 100_000);
        List<Integer> phases = Arrays.stream(System.getProperty("bench.catalog.clients", "1,32").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<String> operations = Arrays.stream(System.getProperty("bench.catalog.operations",
                "config,loadTable,listTables,commit").split(",")).map(String::trim).toList();
        DemoTenant acme = DemoTenant.all().get(0);
        String token = SuiteClients.login(suite, acme.accounts().get(2));
        try (ReferenceCatalogServer reference = ReferenceCatalogServer.start(suite.postgres(),
                "iceberg_reference", state.resolve("reference-warehouse"), POOL_SIZE)) {
            CatalogClients tollgate = CatalogClients.open("catalog-service", suite.catalogUri(), acme.warehouseName(),
                    token);
            CatalogClients baseline = CatalogClients.open("reference", reference.uri(), null, null);
            tollgate.createTables(MAX_CLIENTS);
            baseline.createTables(MAX_CLIENTS);
            Report.note(requests + " measured requests per operation and phase (-Dbench.catalog.requests) in "
                    + ROUNDS + " rounds, the server measured first alternating; "
                    + MAX_CLIENTS + " tables, JDBC pools of " + POOL_SIZE + " on both sides");
            Report.note(warmUp + " unmeasured requests per operation and server first, at " + WARM_UP_CLIENTS
                    + " clients (-Dbench.catalog.warmup): both servers are measured after their JIT compilers"
                    + " have seen the paths, as a long-running server would be");
            for (String operation : operations) {
                CatalogOp op = switch (operation) {
                    case "config" -> (catalog, client, i) -> catalog.config();
                    case "loadTable" -> (catalog, client, i) -> catalog.loadTable((int) (i % MAX_CLIENTS));
                    case "listTables" -> (catalog, client, i) -> catalog.listTables();
                    case "commit" -> (catalog, client, i) -> catalog.commitRound(client % MAX_CLIENTS, i);
                    default -> throw new IllegalArgumentException("unknown operation " + operation);
                };
                int perClient = Math.max(1, (operation.equals("commit") ? warmUp / 4 : warmUp) / WARM_UP_CLIENTS);
                measure(tollgate, op, WARM_UP_CLIENTS, 0, perClient);
                measure(baseline, op, WARM_UP_CLIENTS, 0, perClient);
            }
            for (int clients : phases) {
                Double floor = operations.contains("config")
                        ? compare("config (the floor: no database, no file)", clients, requests, tollgate, baseline,
                                (catalog, client, i) -> catalog.config(), null)
                        : null;
                if (operations.contains("loadTable")) {
                    compare("loadTable", clients, requests, tollgate, baseline,
                            (catalog, client, i) -> catalog.loadTable((int) (i % MAX_CLIENTS)), floor);
                }
                if (operations.contains("listTables")) {
                    compare("listTables", clients, requests, tollgate, baseline,
                            (catalog, client, i) -> catalog.listTables(), floor);
                }
                if (operations.contains("commit")) {
                    compare("commit round", clients, Math.max(clients, requests / 4), tollgate, baseline,
                            (catalog, client, i) -> catalog.commitRound(client % MAX_CLIENTS, i), floor);
                }
            }
        }
    }

    /**
     * Measures one operation on both servers in {@link #ROUNDS} rounds, the server measured first
     * alternating, and reports their throughput ratio (and, given the config round's ratio of the same
     * phase, the ratio over that floor's).
     *
     * @return catalog-service's throughput over the reference's
     */
    private static double compare(String operation, int clients, int requests, CatalogClients tollgate,
                                  CatalogClients baseline, CatalogOp op, Double floorRatio) throws Exception {
        int perClient = Math.max(1, requests / clients / ROUNDS);
        int warmup = Math.max(2, perClient / 10);
        List<Measure.Latencies> oursRounds = new ArrayList<>();
        List<Measure.Latencies> theirsRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean oursFirst = round % 2 == 0;
            CatalogClients first = oursFirst ? tollgate : baseline;
            CatalogClients second = oursFirst ? baseline : tollgate;
            Measure.Latencies a = measure(first, op, clients, warmup, perClient);
            Measure.Latencies b = measure(second, op, clients, warmup, perClient);
            oursRounds.add(oursFirst ? a : b);
            theirsRounds.add(oursFirst ? b : a);
        }
        Measure.Latencies ours = Measure.Latencies.merged(oursRounds);
        Measure.Latencies theirs = Measure.Latencies.merged(theirsRounds);
        String at = ", " + clients + (clients == 1 ? " client" : " clients");
        double ratio = ours.opsPerSecond() / theirs.opsPerSecond();
        Report.row(operation + at + ": catalog-service", ours.opsPerSecond(), "ops/s");
        Report.row(operation + at + ": reference", theirs.opsPerSecond(), "ops/s");
        Report.ratio(operation + at + ": throughput catalog-service / reference (target >= 1.0)", ratio);
        if (floorRatio != null) {
            Report.ratio(operation + at + ": that ratio / the config floor's (restated target >= 1.0)",
                    ratio / floorRatio);
        }
        Report.row(operation + at + ": p99 catalog-service", ours.percentileMillis(99), "ms");
        Report.row(operation + at + ": p99 reference", theirs.percentileMillis(99), "ms");
        return ratio;
    }

    private static Measure.Latencies measure(CatalogClients catalog, CatalogOp op, int clients, int warmup,
                                             int perClient) throws Exception {
        int callsPerClient = warmup + perClient;
        // Measure numbers each thread's calls from thread * (warm-up + count): the thread's index.
        return Measure.latencies(i -> op.run(catalog, (int) (i / callsPerClient), i), clients, warmup, perClient);
    }
}
