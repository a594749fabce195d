package io.tollgate.router.domain;

/** The protocol an upstream speaks, which says how it is reached and who fronts it. */
public enum UpstreamKind {
    /** An http(s) engine fronted through Envoy's ext_authz (e.g. Trino): reached at its URL. */
    HTTP,
    /** A Spark Connect server (gRPC) fronted by connect-service: reached at its endpoints or per-user template. */
    SPARK_CONNECT
}
