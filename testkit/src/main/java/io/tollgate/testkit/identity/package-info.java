/**
 * auth-service as a neighbour in a module's tests ({@link io.tollgate.testkit.identity.IdentityDouble}):
 * a real gRPC AuthService, on mutual TLS with auth-service's certificate, that logs in the accounts
 * and service clients a test declares with tokens from the test's {@link io.tollgate.testkit.tokens.TestTokens},
 * and streams the revocations the test makes. A double of the wire contract in
 * {@code tollgate/auth/v1/auth_service.proto}, never of a service's own classes; auth-service's own
 * side is tested in auth-service. Must not import any service module.
 */
package io.tollgate.testkit.identity;
