package io.tollgate.bench;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.testkit.suite.DemoProvisioner;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The mixed-type table the data-plane benchmarks read, in acme's dedicated database. */
final class BenchTable {
    static final String NAME = "bench_rows";
    static final String SELECT_ALL = "SELECT id, i, f, t, ts, n, b FROM " + NAME;
    static final String SELECT_ONE = "SELECT id, i, f, t, ts, n, b FROM " + NAME + " WHERE id = ?";

    private BenchTable() {
    }

    /** Creates the table with {@code rows} rows unless it already has them. */
    static void ensure(Suite suite, long rows) throws Exception {
        DemoTenant acme = DemoTenant.all().get(0);
        try (Connection c = suite.postgres().connect(suite.databaseOf(acme)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (id bigint PRIMARY KEY, i int, f float8, t text, "
                    + "ts timestamptz, n numeric(18,4), b boolean)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + NAME)) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    return;
                }
            }
            long start = System.nanoTime();
            s.execute("TRUNCATE " + NAME);
            s.execute("INSERT INTO " + NAME + " SELECT g, (g % 100000)::int, g * 1.5, 'row-' || g, "
                    + "timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second', (g % 1000000) / 7.0, g % 2 = 0 "
                    + "FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE " + NAME);
            s.execute("GRANT SELECT ON " + NAME + " TO " + DemoProvisioner.roleOf(acme) + ", "
                    + DemoProvisioner.loginOf(acme, AccessClass.READER));
            Report.note(String.format("(loaded %,d rows in %.1f s)", rows, (System.nanoTime() - start) / 1e9));
        }
    }

    /** A direct JDBC URL to acme's database, as its reader login (the benchmark's readers' login) would connect. */
    static String directUrl(Suite suite, String options) {
        return suite.postgres().jdbcUrl(suite.databaseOf(DemoTenant.all().get(0))) + options;
    }

    static String directUser() {
        return DemoProvisioner.loginOf(DemoTenant.all().get(0), AccessClass.READER);
    }

    static String directPassword(Suite suite) {
        return suite.loginPassword(DemoTenant.all().get(0), AccessClass.READER);
    }
}
