/**
 * Tokens for tests, signed by a key made here: what auth-service would issue, without running it.
 * Must not import any service module.
 */
package io.tollgate.testkit.tokens;
