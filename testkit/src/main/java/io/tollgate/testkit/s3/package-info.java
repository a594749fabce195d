/**
 * An S3-compatible server for tests ({@link io.tollgate.testkit.s3.S3MockServer}: Adobe's S3Mock, a
 * Spring Boot application, run as a process of its own by {@link io.tollgate.testkit.jvm.ServerJvm}
 * so that none of its libraries meets the test's). Its classpath comes from the
 * {@code tollgate-s3mock-classpath} module, which a test module adds in test scope. Must not import
 * any service module.
 */
package io.tollgate.testkit.s3;
