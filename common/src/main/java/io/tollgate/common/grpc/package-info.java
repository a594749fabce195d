/**
 * The internal gRPC clients every service shares: the channels to auth-service and router-service
 * (addresses under {@code grpc.channels.auth|router}, mutual TLS from {@link io.tollgate.common.tls}),
 * the stubs built on them (one bean per stub type, present only where the channel's address is
 * configured), the default deadline of unary calls ({@code tollgate.grpc.clients.*.deadline}), and
 * the reconnecting server stream, and the marshaller of messages forwarded as their bytes
 * ({@link io.tollgate.common.grpc.RawBytes}), and a proxy's outgoing connection on its incoming one's
 * event loop ({@link io.tollgate.common.grpc.EventLoops}). Must not import a service's packages.
 */
package io.tollgate.common.grpc;
