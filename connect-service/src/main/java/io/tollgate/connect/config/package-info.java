/**
 * connect-service's settings ({@code tollgate.connect.*}), one record per concern, and the factory
 * that makes common's call authenticator require the {@code spark} scope. Must not import the wire
 * (grpc) or any other package of the service.
 */
package io.tollgate.connect.config;
