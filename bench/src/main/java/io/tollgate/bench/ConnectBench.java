package io.tollgate.bench;

import io.tollgate.testkit.suite.DemoSecrets;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Map;

/**
 * The Spark Connect gateway (issue 17): Spark's own JVM client through connect-service (a demo
 * account's bearer token: verification, identity rewrite, routing, limits) next to the same client
 * straight to the same Spark Connect server (its backend token), in the same run. {@code select 1}
 * latency at 1 and a few concurrent clients (each client a session of its own, as
 * {@code spark.sql("select 1").collect()} is written: Spark's client sends the SQL, then executes the
 * relation it gets back), and the rows per second of a multi-million-row collect of a DataFrame of
 * three columns. A third path goes through a gRPC proxy that only forwards ({@link EmptyGrpcProxy}, in a JVM of its own):
 * what any grpc-java hop costs here, the floor under the gateway. The paths alternate in rounds, so
 * that the machine's noise falls on all of them.
 */
final class ConnectBench {
    /**
     * connect-service's settings in the benchmark: plaintext on the loopback address, as Spark's
     * clients send tokens in the clear only to {@code localhost}.
     */
    static final Map<String, String> GATEWAY_SETTINGS = Map.of(
            "TOLLGATE_CONNECT_PLAINTEXT", "true",
            "TOLLGATE_CONNECT_HOST", "127.0.0.1");
    /** Rounds the measured requests of a phase are split into, the two paths alternating. */
    private static final int LATENCY_ROUNDS = 4;
    /** Clients of the warm-up before the measured phases. */
    private static final int WARM_UP_CLIENTS = 4;
    private static final String SELECT_ONE = "select 1";
    /** How long the hops' CPU is read with no query in flight, after the warm-up. */
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

    private ConnectBench() {
    }

    /**
     * One side of the comparison: a session per client, all to one Spark Connect URL, through the
     * process {@code hopPid} (none for the direct path), whose CPU time the benchmark reads.
     */
    private record SparkPath(String name, List<SparkSession> sessions, OptionalLong hopPid) implements AutoCloseable {
        static SparkPath open(String name, String url, int clients, OptionalLong hopPid) {
            List<SparkSession> sessions = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                sessions.add(SparkSession.builder().remote(url).create());
            }
            return new SparkPath(name, sessions, hopPid);
        }

        /** CPU time the hop's process has used so far, all its threads (JIT and GC too); 0 with no hop. */
        long hopCpuNanos() {
            return hopPid.isPresent() ? Measure.processCpu(hopPid.getAsLong()).toNanos() : 0;
        }

        /** The hop's CPU ticks so far, all threads and its JIT compilers' (empty with no hop, or off Linux). */
        Optional<Measure.CpuTicks> hopTicks() {
            return hopPid.isPresent() ? Measure.cpuTicks(hopPid.getAsLong()) : Optional.empty();
        }

        void selectOne(int client) {
            List<Row> rows = sessions.get(client).sql(SELECT_ONE).collectAsList();
            if (rows.size() != 1 || rows.get(0).getInt(0) != 1) {
                throw new IllegalStateException(name + " answered select 1 with " + rows);
            }
        }

        /** Rows per second of one collect of {@code rows} rows. */
        double collect(long rows) {
            long start = System.nanoTime();
            List<Row> collected = sessions.get(0).range(rows)
                    .selectExpr("id", "id % 1000 AS bucket", "id * 0.5 AS half").collectAsList();
            long took = System.nanoTime() - start;
            if (collected.size() != rows) {
                throw new IllegalStateException(name + " collected " + collected.size() + " of " + rows + " rows");
            }
            return rows / (took / 1e9);
        }

        @Override
        public void close() {
            sessions.forEach(SparkSession::close);
        }
    }

    static void run(Suite suite, Path state) throws Exception {
        Report.header("Spark Connect: connect-service vs straight to the same Spark Connect server (issue 17)");
        int requests = Integer.getInteger("bench.connect.requests", 1_000);
        int warmUp = Integer.getInteger("bench.connect.warmup", 2_000);
        long rows = Long.getLong("bench.connect.rows", 3_000_000L);
        int collectRounds = Integer.getInteger("bench.connect.rounds", 5);
        List<Integer> phases = Arrays.stream(System.getProperty("bench.connect.clients", "1,4").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int maxClients = Math.max(WARM_UP_CLIENTS, phases.stream().max(Integer::compare).orElse(1));

        DemoTenant tenant = DemoTenant.all().get(0);
        String token = SuiteClients.login(suite, tenant.accounts().get(0));
        String gatewayUrl = suite.sparkConnectUri().orElseThrow(() ->
                new IllegalStateException("this checkout runs no connect-service")) + "/;token=" + token;
        // The backend token only the registry knows: the suite keeps it with its other generated secrets.
        String backendToken = DemoSecrets.loadOrCreate(state.resolve("secrets.properties"))
                .get("spark." + tenant.id() + ".backend-token");
        String directUrl = "sc://" + suite.sparkBackendEndpoint(tenant) + "/;token=" + backendToken;

        try (EmptyGrpcProxyProcess proxy = EmptyGrpcProxyProcess.start(suite.sparkBackendEndpoint(tenant));
             SparkPath gateway = SparkPath.open("connect-service", gatewayUrl, maxClients,
                     OptionalLong.of(suite.service("connect-service").pid()));
             SparkPath direct = SparkPath.open("direct", directUrl, maxClients, OptionalLong.empty());
             SparkPath floor = SparkPath.open("empty proxy", "sc://localhost:" + proxy.port() + "/;token=" + backendToken,
                     maxClients, OptionalLong.of(proxy.pid()))) {
            Report.note(requests + " measured select 1 per path and phase (-Dbench.connect.requests) in "
                    + LATENCY_ROUNDS + " alternating rounds; " + warmUp + " unmeasured per path first at "
                    + WARM_UP_CLIENTS + " clients (-Dbench.connect.warmup), for both JIT compilers");
            Report.note("the empty proxy: grpc-java forwarding bytes in a JVM of its own, nothing else (the floor)");
            for (SparkPath path : List.of(direct, floor, gateway)) {
                latencies(path, WARM_UP_CLIENTS, 0, Math.max(1, warmUp / WARM_UP_CLIENTS));
            }
            reportIdleCpu(gateway, floor);
            for (int clients : phases) {
                compareSelectOne(gateway, direct, floor, clients, requests);
            }
            compareCollect(gateway, direct, floor, rows, collectRounds);
        }
    }

    private static void compareSelectOne(SparkPath gateway, SparkPath direct, SparkPath floor, int clients,
                                         int requests) throws Exception {
        int perClient = Math.max(1, requests / clients / LATENCY_ROUNDS);
        int warmup = Math.max(2, perClient / 10);
        List<Measure.Latencies> ours = new ArrayList<>();
        List<Measure.Latencies> theirs = new ArrayList<>();
        List<Measure.Latencies> proxied = new ArrayList<>();
        List<SparkPath> paths = List.of(direct, floor, gateway);
        List<List<Measure.Latencies>> results = List.of(theirs, proxied, ours);
        long[] hopCpu = new long[paths.size()];
        double[] hopCompilerCpu = new double[paths.size()];
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            // Each round starts with the next path, so no path is always the one measured first (or
            // just after another's burst of garbage) on a machine whose state drifts.
            for (int k = 0; k < paths.size(); k++) {
                int at = (round + k) % paths.size();
                SparkPath path = paths.get(at);
                Optional<Measure.CpuTicks> ticksBefore = path.hopTicks();
                long cpuBefore = path.hopCpuNanos();
                results.get(at).add(latencies(path, clients, warmup, perClient));
                long cpu = path.hopCpuNanos() - cpuBefore;
                hopCpu[at] += cpu;
                Optional<Measure.CpuTicks> ticksAfter = path.hopTicks();
                if (ticksBefore.isPresent() && ticksAfter.isPresent()) {
                    hopCompilerCpu[at] += cpu * ticksAfter.get().compilerShareSince(ticksBefore.get());
                }
            }
        }
        long calls = (long) LATENCY_ROUNDS * clients * (warmup + perClient);
        Measure.Latencies gatewayAll = Measure.Latencies.merged(ours);
        Measure.Latencies directAll = Measure.Latencies.merged(theirs);
        Measure.Latencies floorAll = Measure.Latencies.merged(proxied);
        String at = "select 1, " + clients + (clients == 1 ? " client" : " clients");
        double added = gatewayAll.percentileMillis(50) - directAll.percentileMillis(50);
        Report.row(at + ": p50 connect-service", gatewayAll.percentileMillis(50), "ms");
        Report.row(at + ": p50 direct", directAll.percentileMillis(50), "ms");
        Report.row(at + ": p50 added by the gateway (target <= 1 ms)", added, "ms " + met(added <= 1.0));
        Report.row(at + ": p99 connect-service", gatewayAll.percentileMillis(99), "ms");
        Report.row(at + ": p99 direct", directAll.percentileMillis(99), "ms");
        Report.ratio(at + ": queries/s connect-service / direct", gatewayAll.opsPerSecond() / directAll.opsPerSecond());
        Report.row(at + ": p50 empty proxy", floorAll.percentileMillis(50), "ms");
        Report.row(at + ": p50 added by the empty proxy", floorAll.percentileMillis(50) - directAll.percentileMillis(50),
                "ms");
        double overFloor = gatewayAll.percentileMillis(50) - floorAll.percentileMillis(50);
        Report.row(at + ": p50 added over the empty proxy (restated target <= 1 ms)", overFloor,
                "ms " + met(overFloor <= 1.0));
        Report.row(at + ": p99 empty proxy", floorAll.percentileMillis(99), "ms");
        Report.ratio(at + ": queries/s empty proxy / direct", floorAll.opsPerSecond() / directAll.opsPerSecond());
        // CPU time, unlike latency, hardly depends on what else the machine runs: what each hop's
        // process spends per query (its JIT and GC threads included) is the gateway's own cost.
        Report.row(at + ": CPU per query, connect-service's process", hopCpu[2] / 1e3 / calls, "us");
        Report.row(at + ": CPU per query, the empty proxy's process", hopCpu[1] / 1e3 / calls, "us");
        // A few thousand queries still leave both JVMs compiling (C2 at 3% to 40% of a hop's CPU in
        // this session's profiles and runs): a long-running hop pays that once. What is left is the
        // per-query cost.
        Report.row(at + ": CPU per query besides JIT compilation, connect-service",
                (hopCpu[2] - hopCompilerCpu[2]) / 1e3 / calls, "us");
        Report.row(at + ": CPU per query besides JIT compilation, the empty proxy",
                (hopCpu[1] - hopCompilerCpu[1]) / 1e3 / calls, "us");
        Report.ratio(at + ": CPU per query besides JIT compilation, connect-service / the empty proxy",
                (hopCpu[2] - hopCompilerCpu[2]) / (hopCpu[1] - hopCompilerCpu[1]));
    }

    /**
     * What each hop's process spends with no query in flight (its sessions open), per second of
     * {@link #IDLE_WINDOW}: background work that the CPU per query of a phase also holds, a larger
     * share of it the fewer queries the phase runs.
     */
    private static void reportIdleCpu(SparkPath gateway, SparkPath floor) throws InterruptedException {
        long gatewayBefore = gateway.hopCpuNanos();
        long floorBefore = floor.hopCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(IDLE_WINDOW.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        Report.row("idle: CPU of connect-service's process", (gateway.hopCpuNanos() - gatewayBefore) / 1e6 / seconds,
                "ms/s");
        Report.row("idle: CPU of the empty proxy's process", (floor.hopCpuNanos() - floorBefore) / 1e6 / seconds, "ms/s");
    }

    private static void compareCollect(SparkPath gateway, SparkPath direct, SparkPath floor, long rows, int rounds) {
        Report.note("collect of " + rows + " rows x 3 columns (-Dbench.connect.rows), one client, " + rounds
                + " measured rounds per path (-Dbench.connect.rounds) after 2 unmeasured, each round starting with the next path");
        for (int round = 0; round < 2; round++) {
            direct.collect(rows);
            floor.collect(rows);
            gateway.collect(rows);
        }
        List<SparkPath> paths = List.of(direct, floor, gateway);
        double[][] rates = new double[paths.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            // As in the select 1 rounds: each round starts with the next path, so that the garbage a
            // collect leaves in the client's heap and Spark's does not always fall on the same path.
            for (int k = 0; k < paths.size(); k++) {
                int at = (round + k) % paths.size();
                rates[at][round] = paths.get(at).collect(rows);
            }
        }
        double[] theirs = rates[0];
        double[] proxied = rates[1];
        double[] ours = rates[2];
        double gatewayRate = median(ours);
        double directRate = median(theirs);
        double ratio = gatewayRate / directRate;
        Report.row("collect: connect-service (median of rounds)", gatewayRate, "rows/s");
        Report.row("collect: direct (median of rounds)", directRate, "rows/s");
        Report.row("collect: connect-service / direct (target >= 0.9x)", ratio, "x " + met(ratio >= 0.9));
        Report.row("collect: empty proxy (median of rounds)", median(proxied), "rows/s");
        Report.ratio("collect: empty proxy / direct", median(proxied) / directRate);
    }

    private static Measure.Latencies latencies(SparkPath path, int clients, int warmup, int perClient)
            throws Exception {
        int callsPerClient = warmup + perClient;
        // Measure numbers each thread's calls from thread * (warm-up + count): the thread's index.
        return Measure.latencies(i -> path.selectOne((int) (i / callsPerClient)), clients, warmup, perClient);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String met(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }
}
