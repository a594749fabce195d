/**
 * Side-by-side benchmarks: each measures a Tollgate path and its baseline (direct PostgreSQL, a
 * no-work Flight SQL server, a gRPC round trip, Iceberg's reference REST catalog, the Spark Connect
 * server behind the gateway) in the same run and reports the ratio. Run by {@code ./bench/run};
 * never part of {@code ./mvnw verify}'s tests. Test and benchmark code only: no service may import it.
 */
package io.tollgate.bench;
