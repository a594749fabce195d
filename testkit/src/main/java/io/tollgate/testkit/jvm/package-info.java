/**
 * Third-party servers a test runs as JVMs of their own (S3Mock, Spark Connect), so that none of
 * their libraries meets the test's: {@link io.tollgate.testkit.jvm.ServerJvm} starts one from a
 * classpath a {@code *-classpath} module resolved, waits until its log names its port, and stops it.
 * Must not import any service module.
 */
package io.tollgate.testkit.jvm;
