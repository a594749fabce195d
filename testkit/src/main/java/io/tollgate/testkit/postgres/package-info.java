/**
 * Real PostgreSQL for tests: one server per JVM (embedded, or a container where Docker runs), a
 * fresh database per test class, and password-checked logins where a test needs them.
 */
package io.tollgate.testkit.postgres;
