package io.tollgate.e2e;

import io.tollgate.testkit.spark.SparkConnectServer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * testkit's real Spark Connect server, driven by Spark's own JVM client: the harness the Spark
 * Connect gateway's tests and {@code ./tollgate up --spark} stand on. One server for the class (it
 * takes seconds to start); its start-up time and memory are printed for docs/benchmarks.md, never
 * asserted.
 */
class SparkConnectServerIT {
    private static final String TOKEN = "harness-token-" + Long.toHexString(System.nanoTime());
    private static SparkConnectServer server;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        server = SparkConnectServer.start(SparkConnectServer.Settings.DEFAULTS.withToken(TOKEN));
        System.out.printf("Spark Connect server ready in %d ms, resident %d MiB idle%n",
                (System.nanoTime() - started) / 1_000_000, server.residentBytes().orElse(-1) >> 20);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            System.out.printf("Spark Connect server resident %d MiB after the tests%n",
                    server.residentBytes().orElse(-1) >> 20);
            server.close();
        }
    }

    @Test
    void sparksOwnClientRunsSqlAndADataFrameOnTheServer() {
        try (SparkSession spark = session(";token=" + TOKEN)) {
            List<Row> one = spark.sql("select 1 as one").collectAsList();
            assertEquals(1, one.size());
            assertEquals(1, one.get(0).getInt(0));

            Dataset<Row> squares = spark.range(0, 10).selectExpr("id", "id * id AS square").where("id % 2 = 0");
            assertEquals(List.of(0L, 4L, 16L, 36L, 64L),
                    squares.orderBy("id").collectAsList().stream().map(row -> row.getLong(1)).toList());
        }
    }

    @Test
    void aClientWithoutTheServersTokenIsRefused() {
        try (SparkSession stranger = session("")) {
            Exception refused = assertThrows(Exception.class, () -> stranger.sql("select 1").collectAsList());
            assertTrue(String.valueOf(refused.getMessage()).contains("UNAUTHENTICATED: No authentication token"),
                    refused::toString);
        }
        try (SparkSession forger = session(";token=not-" + TOKEN)) {
            Exception refused = assertThrows(Exception.class, () -> forger.sql("select 1").collectAsList());
            assertTrue(String.valueOf(refused.getMessage()).contains("UNAUTHENTICATED: Invalid authentication token"),
                    refused::toString);
        }
    }

    private static SparkSession session(String parameters) {
        return SparkSession.builder().remote(server.url() + "/" + parameters).create();
    }
}
