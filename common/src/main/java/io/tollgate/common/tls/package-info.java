/**
 * Mutual TLS of the internal gRPC ports: the configuration ({@code tollgate.internal-tls.*}, PEM
 * files as Kubernetes Secrets mount them), the Netty contexts built from it once at start-up, the
 * server side applied to a service's gRPC server, the service identity a peer's certificate names,
 * and the PEM reading the Flight endpoint's TLS shares. Knows no service and no RPC; must not import
 * a service's packages or the generated protos.
 */
package io.tollgate.common.tls;
