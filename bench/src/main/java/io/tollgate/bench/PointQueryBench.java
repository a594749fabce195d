package io.tollgate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A single-row query by primary key with a prepared statement each client prepares once and
 * reuses (issue 5): the latency Tollgate adds over pgjdbc straight to PostgreSQL at 1 and 16
 * concurrent clients, and throughput at 64 clients with an equal number of backend connections.
 */
final class PointQueryBench {
    /** Backend connections on both sides: the gateway's pool for the tenant, and the direct pool. */
    static final int POOL = 16;
    /** Calls per client thread: warm-up, then measured; fewer per thread as threads multiply. */
    private static final int WARM_UP = 1_000;
    private static final int SAMPLES = 3_000;

    private PointQueryBench() {
    }

    static void run(Suite suite, long rows) throws Exception {
        Report.header(String.format("Point query by primary key, reused prepared statement, %,d-row table (issue 5)", rows));
        BenchTable.ensure(suite, rows);
        BenchTenant.allowConcurrency(suite, POOL, 256);
        String token = SuiteClients.login(suite, DemoTenant.all().get(0).accounts().get(0));

        List<String> phases = List.of(System.getProperty("bench.point.phases", "1,16,64").split(","));
        for (int clients : new int[] {1, 16}) {
            if (!phases.contains(Integer.toString(clients))) {
                continue;
            }
            Measure.Latencies direct;
            try (DirectClients pg = new DirectClients(suite, clients)) {
                direct = Measure.latencies(i -> pg.query(randomId(rows)), clients, WARM_UP / clients, SAMPLES / clients * 4);
            }
            Measure.Latencies flight;
            try (FlightClients gateway = new FlightClients(suite, token)) {
                flight = Measure.latencies(i -> gateway.query(randomId(rows)), clients, WARM_UP / clients,
                        SAMPLES / clients * 4);
            }
            String at = clients + (clients == 1 ? " client" : " clients");
            Report.row("pgjdbc direct p50, " + at, direct.percentileMillis(50), "ms");
            Report.row("pgjdbc direct p99, " + at, direct.percentileMillis(99), "ms");
            Report.row("Tollgate Flight SQL p50, " + at, flight.percentileMillis(50), "ms");
            Report.row("Tollgate Flight SQL p99, " + at, flight.percentileMillis(99), "ms");
            Report.row("added p50 (target <= 0.3 ms), " + at,
                    flight.percentileMillis(50) - direct.percentileMillis(50), "ms");
            Report.row("added p99 (target <= 1 ms), " + at,
                    flight.percentileMillis(99) - direct.percentileMillis(99), "ms");
        }

        if (!phases.contains("64")) {
            return;
        }
        int clients = 64;
        Measure.Latencies direct;
        try (DirectClients pg = new DirectClients(suite, POOL)) {
            direct = Measure.latencies(i -> pg.query(randomId(rows)), clients, 50, 150);
        }
        Measure.Latencies flight;
        try (FlightClients gateway = new FlightClients(suite, token)) {
            flight = Measure.latencies(i -> gateway.query(randomId(rows)), clients, 50, 150);
        }
        Report.row("pgjdbc direct, 64 clients sharing " + POOL + " connections", direct.opsPerSecond(), "queries/s");
        Report.row("Tollgate Flight SQL, 64 clients, tenant pool " + POOL, flight.opsPerSecond(), "queries/s");
        Report.row("Tollgate Flight SQL p99, 64 clients", flight.percentileMillis(99), "ms");
        Report.ratio("Flight / pgjdbc throughput at 64 clients (target >= 0.5)",
                flight.opsPerSecond() / direct.opsPerSecond());
    }

    private static long randomId(long rows) {
        return 1 + ThreadLocalRandom.current().nextLong(rows);
    }

    private static void touch(long checksum) {
        if (checksum == 0) {
            throw new IllegalStateException("the row was not found");
        }
    }

    /** pgjdbc clients sharing a pool; each connection keeps its server-side prepared statement. */
    private static final class DirectClients implements AutoCloseable {
        private final HikariDataSource pool;

        DirectClients(Suite suite, int connections) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(BenchTable.directUrl(suite, ""));
            config.setUsername(BenchTable.directUser());
            config.setPassword(BenchTable.directPassword(suite));
            config.setMaximumPoolSize(connections);
            config.setMinimumIdle(connections);
            config.setAutoCommit(true);
            this.pool = new HikariDataSource(config);
        }

        void query(long id) throws Exception {
            try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(BenchTable.SELECT_ONE)) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    long checksum = 0;
                    while (rs.next()) {
                        checksum += Values.touchRow(rs);
                    }
                    touch(checksum);
                }
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * Flight SQL clients sharing one connection to the gateway (as the threads of one application
     * would), each thread with the statement prepared once and reused.
     */
    private static final class FlightClients implements AutoCloseable {
        private final CredentialCallOption bearer;
        private final RootAllocator allocator = new RootAllocator();
        private final FlightSqlClient sql;
        private final Queue<AutoCloseable> opened = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<Client> clients = ThreadLocal.withInitial(this::open);

        FlightClients(Suite suite, String token) {
            this.bearer = new CredentialCallOption(new BearerCredentialWriter(token));
            this.sql = new FlightSqlClient(FlightClient.builder(allocator,
                    Location.forGrpcInsecure("localhost", suite.ports().flight())).build());
        }

        private Client open() {
            BufferAllocator memory = allocator.newChildAllocator("client", 0, Long.MAX_VALUE);
            FlightSqlClient.PreparedStatement prepared = sql.prepare(BenchTable.SELECT_ONE, bearer);
            VectorSchemaRoot parameters = VectorSchemaRoot.create(prepared.getParameterSchema(), memory);
            Client client = new Client(prepared, parameters, memory, bearer);
            opened.add(client);
            return client;
        }

        void query(long id) throws Exception {
            Client client = clients.get();
            ((BigIntVector) client.parameters.getVector(0)).setSafe(0, id);
            client.parameters.setRowCount(1);
            client.prepared.setParameters(client.parameters);
            FlightInfo info = client.prepared.execute(bearer);
            long checksum = 0;
            try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
                while (stream.next()) {
                    checksum += Values.touchBatch(stream.getRoot());
                }
            }
            touch(checksum);
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable client = opened.poll(); client != null; client = opened.poll()) {
                client.close();
            }
            sql.close();
            allocator.close();
        }

        private record Client(FlightSqlClient.PreparedStatement prepared, VectorSchemaRoot parameters,
                              BufferAllocator memory, CredentialCallOption bearer) implements AutoCloseable {
            @Override
            public void close() throws Exception {
                prepared.close(bearer); // the statement holds the parameters it was given
                parameters.close();
                memory.close();
            }
        }
    }
}
