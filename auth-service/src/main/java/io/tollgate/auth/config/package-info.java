/**
 * auth-service's configuration ({@code tollgate.auth.*}) as typed records, and the factories of
 * infrastructure beans built from it (clock, gRPC stubs to router-service, local token
 * verification). Must not import {@code api}, {@code persistence} or {@code service} beyond the
 * signing keys it wires for local verification.
 */
package io.tollgate.auth.config;
