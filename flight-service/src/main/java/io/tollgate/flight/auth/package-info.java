/**
 * Authentication of every Flight call, as middleware ahead of the producer: takes credentials off
 * the headers (bearer, Basic, the session cookie) and has common's wire-free
 * {@link io.tollgate.common.auth.CallAuthenticator} verify them; hands the principal to the
 * adapter; records the caller's address for logins. Deciding whether credentials are good belongs
 * to common, not here. Must not import the adapter ({@code io.tollgate.flight.sql}) or any package
 * below it (statements, tenants, transactions): a call is authenticated before any of them runs.
 */
package io.tollgate.flight.auth;
