/**
 * Tests of auth-service's admin REST API (accounts, clients, sessions, revocations) as an
 * operator's client sees it, on a real replica and database, and its error policy.
 */
package io.tollgate.auth.admin;
