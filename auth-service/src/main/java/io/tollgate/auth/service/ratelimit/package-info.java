/**
 * Per-account, per-client and per-address token buckets that refuse login attempts before any
 * password hash is computed; in this replica's memory. Must not import {@code api} or
 * {@code persistence}.
 */
package io.tollgate.auth.service.ratelimit;
