/**
 * flight-service's configuration records ({@code tollgate.flight.*}) and the factories of the
 * beans built from them: the gRPC stubs to auth and router, the one handle {@link
 * io.tollgate.common.signing.Signer}, common's call authenticator. Must not import any other
 * package of the service, nor Flight or Arrow types: every package may depend on this one.
 */
package io.tollgate.flight.config;
