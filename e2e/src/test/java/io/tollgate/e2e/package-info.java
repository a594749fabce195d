/**
 * Whole-suite tests: every service started as its own process by testkit's Suite, called with
 * real clients (Flight SQL JDBC driver, arrow-java Flight client, Iceberg's Java client, npm's
 * iceberg-js run by node, HTTP, grpc-java), and the attack
 * corpus (StatementAttackIT, TenantIsolationAttackIT, ProtocolAttackIT). Only the wire: no
 * service's classes are imported.
 */
package io.tollgate.e2e;
