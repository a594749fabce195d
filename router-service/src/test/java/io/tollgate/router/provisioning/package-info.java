/**
 * Tests of the SQL that sets up shared (row-level security) databases and their per-class logins
 * (deploy/sql), run against a real PostgreSQL.
 */
package io.tollgate.router.provisioning;
