/**
 * Mutual TLS of the internal gRPC ports: the configuration ({@code tollgate.internal-tls.*}, PEM
 * files as Kubernetes Secrets mount them), the Netty contexts built from it once at start-up, the
 * server side applied to a service's gRPC server, the service identity a peer's certificate names;
 * and the TLS of public endpoints (Flight SQL, Spark Connect: {@link
 * io.tollgate.common.tls.ServerTlsSettings}, {@link io.tollgate.common.tls.ServerTls}) from PEM files. Knows no service and no RPC; must not import
 * a service's packages or the generated protos.
 */
package io.tollgate.common.tls;
