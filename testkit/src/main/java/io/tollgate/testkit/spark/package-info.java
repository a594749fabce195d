/**
 * A real Spark Connect server for tests and the local suite
 * ({@link io.tollgate.testkit.spark.SparkConnectServer}: Apache Spark's own server, run as a process
 * of its own so that none of Spark's libraries meets the test's or a service's). Its classpath comes
 * from the {@code tollgate-spark-connect-classpath} module, which a test module adds in test scope
 * (and {@code ./tollgate up --spark} puts on the launcher's classpath). Must not import any service
 * module.
 */
package io.tollgate.testkit.spark;
