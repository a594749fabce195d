package io.tollgate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
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

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.sql.Connection;
import java.time.Duration;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-row query by primary key with a prepared statement each client prepares once and
 * reuses (issue 5): the latency Tollgate adds over pgjdbc straight to PostgreSQL at 1 and 16
 * concurrent clients, and throughput at 64 clients with an equal number of backend connections.
 */
final class PointQueryBench {
    /** Backend connections on both sides: the gateway's pool for the tenant, and the direct pool. */
    static final int POOL = 16;
    /** Calls per client thread: warm-up, then measured; fewer per thread as threads multiply. */
    private static final int WARM_UP = 5_000;
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
            if (phases.contains(Integer.toString(clients))) {
                latencies(suite, token, rows, clients);
            }
        }
        if (phases.contains("64")) {
            throughput(suite, token, rows, 64);
        }
    }

    private static void latencies(Suite suite, String token, long rows, int clients) throws Exception {
        int warmUp = WARM_UP / clients;
        int samples = SAMPLES * 4 / clients;
        Measure.Latencies direct;
        try (DirectClients pg = new DirectClients(suite, clients)) {
            direct = Measure.latencies(i -> pg.query(randomId(rows)), clients, warmUp, samples);
        }
        Measure.Latencies flight;
        Duration cpu;
        try (FlightClients gateway = new FlightClients(suite, token, false)) {
            Duration before = flightCpu(suite);
            flight = Measure.latencies(i -> gateway.query(randomId(rows)), clients, warmUp, samples);
            cpu = flightCpu(suite).minus(before);
        }
        String at = clients + (clients == 1 ? " client" : " clients");
        Report.row("pgjdbc direct p50, " + at, direct.percentileMillis(50), "ms");
        Report.row("pgjdbc direct p99, " + at, direct.percentileMillis(99), "ms");
        Report.row("Tollgate Flight SQL p50, " + at, flight.percentileMillis(50), "ms");
        Report.row("Tollgate Flight SQL p99, " + at, flight.percentileMillis(99), "ms");
        Report.row("added p50 (target <= 0.3 ms), " + at, flight.percentileMillis(50) - direct.percentileMillis(50), "ms");
        Report.row("added p99 (target <= 1 ms), " + at, flight.percentileMillis(99) - direct.percentileMillis(99), "ms");
        Report.row("flight-service CPU per query (warm-up included), " + at,
                cpu.toNanos() / 1e6 / ((long) clients * (warmUp + samples)), "ms");
        if (clients == 1) {
            try (FlightClients gateway = new FlightClients(suite, token, false)) {
                phases(gateway, "Tollgate", rows, warmUp, samples);
            }
            try (FlightClients floor = new FlightClients(suite, token, false)) {
                // One of the three calls on its own, with no database work (the handle carries the
                // schema): what the transport costs per call on this machine.
                Measure.Latencies info = Measure.latencies(i -> floor.describeOnly(), 1, warmUp, samples / 4);
                Report.row("one GetFlightInfo of the prepared statement alone (no database) p50",
                        info.percentileMillis(50), "ms");
                Report.row("one GetFlightInfo of the prepared statement alone p99", info.percentileMillis(99), "ms");
            }
            try (RootAllocator memory = new RootAllocator();
                 NoWorkFlightSqlServer noWork = new NoWorkFlightSqlServer(memory)) {
                reportFloor(noWork, token, rows, clients, warmUp, samples);
                try (FlightClients floor = new FlightClients(noWork.location(), token, false)) {
                    phases(floor, "no-work server", rows, warmUp, samples);
                }
                try (FlightClients stockFloor = new FlightClients(noWork.location(), token, true)) {
                    Measure.Latencies spinning = Measure.latencies(i -> stockFloor.query(randomId(rows)), 1, warmUp,
                            samples);
                    Report.row("the same to the server doing no work through FlightSqlClient (spins) p50",
                            spinning.percentileMillis(50), "ms");
                }
            }
            try (FlightClients stock = new FlightClients(suite, token, true)) {
                Measure.Latencies spinning = Measure.latencies(i -> stock.query(randomId(rows)), 1, warmUp, samples / 4);
                Report.row("the same through arrow-java FlightSqlClient (its DoPut spins) p50", spinning.percentileMillis(50), "ms");
                Report.row("the same through arrow-java FlightSqlClient p99", spinning.percentileMillis(99), "ms");
            }
        } else {
            try (RootAllocator memory = new RootAllocator();
                 NoWorkFlightSqlServer noWork = new NoWorkFlightSqlServer(memory)) {
                reportFloor(noWork, token, rows, clients, warmUp, samples);
            }
        }
    }

    /** The same three calls against a server that does nothing: arrow-java's own floor at this concurrency. */
    private static void reportFloor(NoWorkFlightSqlServer noWork, String token, long rows, int clients, int warmUp,
                                    int samples) throws Exception {
        try (FlightClients floor = new FlightClients(noWork.location(), token, false)) {
            Measure.Latencies bare = Measure.latencies(i -> floor.query(randomId(rows)), clients, warmUp, samples);
            String at = clients + (clients == 1 ? " client" : " clients");
            Report.row("the same three calls to a Flight SQL server doing no work (in this JVM) p50, " + at,
                    bare.percentileMillis(50), "ms");
            Report.row("the same three calls to a Flight SQL server doing no work p99, " + at,
                    bare.percentileMillis(99), "ms");
        }
    }

    /** Where one execution's time goes, call by call, at one client: p50 of each of the three calls. */
    private static void phases(FlightClients client, String server, long rows, int warmUp, int samples)
            throws Exception {
        long[][] nanos = new long[3][samples];
        for (int i = 0; i < warmUp + samples; i++) {
            long[] phase = client.queryTimed(randomId(rows));
            if (i >= warmUp) {
                for (int p = 0; p < 3; p++) {
                    nanos[p][i - warmUp] = phase[p];
                }
            }
        }
        String[] names = {"bind (DoPut)", "GetFlightInfo", "DoGet (read to the end)"};
        for (int p = 0; p < 3; p++) {
            Arrays.sort(nanos[p]);
            Report.row("  " + server + ": " + names[p] + " p50, 1 client", nanos[p][samples / 2] / 1e6, "ms");
        }
    }

    private static void throughput(Suite suite, String token, long rows, int clients) throws Exception {
        Measure.Latencies direct;
        try (DirectClients pg = new DirectClients(suite, POOL)) {
            direct = Measure.latencies(i -> pg.query(randomId(rows)), clients, 50, 200);
        }
        Measure.Latencies flight;
        try (FlightClients gateway = new FlightClients(suite, token, false)) {
            flight = Measure.latencies(i -> gateway.query(randomId(rows)), clients, 50, 200);
        }
        Measure.Latencies floor;
        try (RootAllocator memory = new RootAllocator();
             NoWorkFlightSqlServer noWork = new NoWorkFlightSqlServer(memory);
             FlightClients bare = new FlightClients(noWork.location(), token, false)) {
            floor = Measure.latencies(i -> bare.query(randomId(rows)), clients, 50, 200);
        }
        Report.row("pgjdbc direct, " + clients + " clients sharing " + POOL + " connections", direct.opsPerSecond(), "queries/s");
        Report.row("Tollgate Flight SQL, " + clients + " clients, tenant pool " + POOL, flight.opsPerSecond(), "queries/s");
        Report.row("Tollgate Flight SQL p99, " + clients + " clients", flight.percentileMillis(99), "ms");
        Report.row("the same calls to a Flight SQL server doing no work (in this JVM), " + clients + " clients",
                floor.opsPerSecond(), "queries/s");
        Report.ratio("Flight / pgjdbc throughput at " + clients + " clients (target >= 0.5)",
                flight.opsPerSecond() / direct.opsPerSecond());
        Report.ratio("no-work Flight SQL server / pgjdbc throughput at " + clients + " clients (the floor's ceiling)",
                floor.opsPerSecond() / direct.opsPerSecond());
    }

    private static Duration flightCpu(Suite suite) {
        return Measure.processCpu(suite.service("flight-service").pid());
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
     * would), each thread with the statement prepared once and reused. An execution is what every
     * Flight SQL client does: bind the parameters (DoPut), GetFlightInfo, DoGet. With
     * {@code stock = true} through arrow-java's FlightSqlClient, whose DoPut busy-waits until the
     * stream is ready (a spinning thread per query, on the same two cores as the gateway and
     * PostgreSQL); otherwise the same calls with the wait parked instead.
     */
    static final class FlightClients implements AutoCloseable {
        private final CredentialCallOption bearer;
        private final boolean stock;
        private final RootAllocator allocator = new RootAllocator();
        private final FlightClient flight;
        private final FlightSqlClient sql;
        private final Queue<AutoCloseable> opened = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<Client> clients = ThreadLocal.withInitial(this::open);

        FlightClients(Suite suite, String token, boolean stock) {
            this(Location.forGrpcInsecure("localhost", suite.ports().flight()), token, stock);
        }

        FlightClients(Location server, String token, boolean stock) {
            this.bearer = new CredentialCallOption(new BearerCredentialWriter(token));
            this.stock = stock;
            this.flight = FlightClient.builder(allocator, server).build();
            this.sql = new FlightSqlClient(flight);
        }

        private Client open() {
            BufferAllocator memory = allocator.newChildAllocator("client", 0, Long.MAX_VALUE);
            try {
                Client client = stock ? Client.stock(sql.prepare(BenchTable.SELECT_ONE, bearer), memory, bearer)
                        : Client.parking(flight, memory, bearer);
                opened.add(client);
                return client;
            } catch (Exception e) {
                throw new IllegalStateException("preparing the statement failed", e);
            }
        }

        /** GetFlightInfo for this thread's prepared statement, nothing else. */
        void describeOnly() {
            if (flight.getInfo(clients.get().descriptor(), bearer).getEndpoints().isEmpty()) {
                throw new IllegalStateException("no endpoint");
            }
        }

        /** One execution, the nanoseconds of its bind, GetFlightInfo and DoGet. */
        long[] queryTimed(long id) throws Exception {
            Client client = clients.get();
            ((BigIntVector) client.parameters.getVector(0)).setSafe(0, id);
            client.parameters.setRowCount(1);
            long start = System.nanoTime();
            FlightDescriptor bound = client.bind(flight, bearer);
            long bind = System.nanoTime();
            FlightInfo info = flight.getInfo(bound, bearer);
            long described = System.nanoTime();
            long checksum = 0;
            try (FlightStream stream = flight.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
                while (stream.next()) {
                    checksum += Values.touchBatch(stream.getRoot());
                }
            }
            touch(checksum);
            return new long[] {bind - start, described - bind, System.nanoTime() - described};
        }

        void query(long id) throws Exception {
            Client client = clients.get();
            ((BigIntVector) client.parameters.getVector(0)).setSafe(0, id);
            client.parameters.setRowCount(1);
            FlightInfo info;
            if (stock) {
                client.prepared.setParameters(client.parameters);
                info = client.prepared.execute(bearer);
            } else {
                info = flight.getInfo(client.bind(flight, bearer), bearer);
            }
            long checksum = 0;
            try (FlightStream stream = flight.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
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

        /** One thread's prepared statement: arrow-java's, or its handle driven by hand. */
        private static final class Client implements AutoCloseable {
            private final FlightSqlClient.PreparedStatement prepared;
            private final FlightClient flight;
            private final VectorSchemaRoot parameters;
            private final BufferAllocator memory;
            private final CredentialCallOption bearer;
            private ByteString handle;

            private Client(FlightSqlClient.PreparedStatement prepared, FlightClient flight, ByteString handle,
                           VectorSchemaRoot parameters, BufferAllocator memory, CredentialCallOption bearer) {
                this.prepared = prepared;
                this.flight = flight;
                this.handle = handle;
                this.parameters = parameters;
                this.memory = memory;
                this.bearer = bearer;
            }

            static Client stock(FlightSqlClient.PreparedStatement prepared, BufferAllocator memory,
                                CredentialCallOption bearer) {
                return new Client(prepared, null, null, VectorSchemaRoot.create(prepared.getParameterSchema(), memory),
                        memory, bearer);
            }

            static Client parking(FlightClient flight, BufferAllocator memory, CredentialCallOption bearer)
                    throws Exception {
                ActionCreatePreparedStatementResult created = null;
                Iterator<Result> results = flight.doAction(new Action(
                        FlightSqlUtils.FLIGHT_SQL_CREATE_PREPARED_STATEMENT.getType(),
                        Any.pack(ActionCreatePreparedStatementRequest.newBuilder().setQuery(BenchTable.SELECT_ONE)
                                .build()).toByteArray()), bearer);
                while (results.hasNext()) {
                    created = Any.parseFrom(results.next().getBody()).unpack(ActionCreatePreparedStatementResult.class);
                }
                Schema parameterSchema = MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(
                        new ByteArrayInputStream(created.getParameterSchema().toByteArray()))));
                return new Client(null, flight, created.getPreparedStatementHandle(),
                        VectorSchemaRoot.create(parameterSchema, memory), memory, bearer);
            }

            /** Binds the parameters by DoPut, parking (not spinning) until the stream is ready; the descriptor to run. */
            FlightDescriptor bind(FlightClient flight, CredentialCallOption bearer) throws Exception {
                SyncPutListener result = new SyncPutListener();
                FlightClient.ClientStreamListener put = flight.startPut(descriptor(), parameters, result, bearer);
                while (!put.isReady()) {
                    LockSupport.parkNanos(20_000);
                }
                put.putNext();
                put.completed();
                try (PutResult reply = result.read()) {
                    if (reply != null && reply.getApplicationMetadata() != null) {
                        DoPutPreparedStatementResult bound = DoPutPreparedStatementResult.parseFrom(
                                reply.getApplicationMetadata().nioBuffer());
                        if (bound.hasPreparedStatementHandle()) {
                            handle = bound.getPreparedStatementHandle();
                        }
                    }
                }
                put.getResult();
                return descriptor();
            }

            private FlightDescriptor descriptor() {
                return FlightDescriptor.command(Any.pack(CommandPreparedStatementQuery.newBuilder()
                        .setPreparedStatementHandle(handle).build()).toByteArray());
            }

            @Override
            public void close() throws Exception {
                if (prepared != null) {
                    prepared.close(bearer); // the statement holds the parameters it was given
                } else {
                    Iterator<Result> closed = flight.doAction(new Action(
                            FlightSqlUtils.FLIGHT_SQL_CLOSE_PREPARED_STATEMENT.getType(),
                            Any.pack(ActionClosePreparedStatementRequest.newBuilder()
                                    .setPreparedStatementHandle(handle).build()).toByteArray()), bearer);
                    closed.forEachRemaining(result -> { });
                }
                parameters.close();
                memory.close();
            }
        }
    }
}
