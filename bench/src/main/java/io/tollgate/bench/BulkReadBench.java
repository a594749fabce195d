package io.tollgate.bench;

import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Bulk read of the mixed-type table, one stream, the client touching every value (issue 5):
 * flight-service next to pgjdbc straight to PostgreSQL with binary results, and with its defaults.
 * Also the gateway's CPU time per million rows.
 */
final class BulkReadBench {
    private static final String TUNED = "?prepareThreshold=-1&binaryTransfer=true";
    private static final long WARM_UP_ROWS = 500_000;

    private BulkReadBench() {
    }

    static void run(Suite suite, long rows) throws Exception {
        Report.header(String.format("Bulk read of %,d mixed-type rows, one stream (issue 5)", rows));
        BenchTable.ensure(suite, rows);
        // Warm-up: every path once over part of the table, so that the measured runs compare
        // compiled code on both sides rather than the JIT's first pass.
        long warmUp = Math.min(rows, WARM_UP_ROWS);
        String warmUpSql = BenchTable.SELECT_ALL + " LIMIT " + warmUp;
        pgjdbc(suite, TUNED, warmUpSql, warmUp);
        pgjdbc(suite, "", warmUpSql, warmUp);
        flight(suite, warmUpSql, warmUp);

        double tuned = pgjdbc(suite, TUNED, BenchTable.SELECT_ALL, rows);
        double defaults = pgjdbc(suite, "", BenchTable.SELECT_ALL, rows);
        long flightPid = suite.service("flight-service").pid();
        Duration cpuBefore = Measure.processCpu(flightPid);
        double flight = flight(suite, BenchTable.SELECT_ALL, rows);
        Duration cpu = Measure.processCpu(flightPid).minus(cpuBefore);

        Report.row("pgjdbc direct, binary results, fetch 10,000 (baseline)", tuned, "rows/s");
        Report.row("pgjdbc direct, defaults (text results), fetch 10,000", defaults, "rows/s");
        Report.row("Tollgate Flight SQL", flight, "rows/s");
        Report.row("flight-service CPU per million rows", cpu.toMillis() / 1000.0 / (rows / 1e6), "CPU-s");
        Report.ratio("Flight / pgjdbc binary (target >= 1.0)", flight / tuned);
        Report.ratio("Flight / pgjdbc defaults (target >= 2.0)", flight / defaults);
    }

    private static double pgjdbc(Suite suite, String options, String sql, long rows) throws Exception {
        try (Connection c = DriverManager.getConnection(BenchTable.directUrl(suite, options), BenchTable.directUser(),
                BenchTable.directPassword(suite))) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long seen = 0;
            long checksum = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        checksum += Values.touchRow(rs);
                        seen++;
                    }
                }
            }
            check(seen, rows, checksum);
            return seen / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double flight(Suite suite, String sql, long rows) throws Exception {
        String token = SuiteClients.login(suite, DemoTenant.all().get(0).accounts().get(0));
        CredentialCallOption bearer = new CredentialCallOption(new BearerCredentialWriter(token));
        try (RootAllocator allocator = new RootAllocator();
             FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator,
                     Location.forGrpcInsecure("localhost", suite.ports().flight())).build())) {
            long start = System.nanoTime();
            long seen = 0;
            long checksum = 0;
            FlightInfo info = client.execute(sql, bearer);
            try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), bearer)) {
                while (stream.next()) {
                    checksum += Values.touchBatch(stream.getRoot());
                    seen += stream.getRoot().getRowCount();
                }
            }
            check(seen, rows, checksum);
            return seen / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void check(long seen, long rows, long checksum) {
        if (seen != rows || checksum == 0) {
            throw new IllegalStateException("read " + seen + " of " + rows + " rows");
        }
    }
}
