/**
 * connect-service's own series (docs/operations.md#metrics): Spark Connect calls by RPC, status and
 * tenant, message bytes each way per tenant, and the sessions and operations each tenant holds
 * against its limits. The tenant tag goes through common's {@code TenantTags}, and only a verified
 * caller's tenant is ever given to it; no session id, operation id, subject or plan is a tag.
 * Besides the wire ({@code grpc}), the one package that touches gRPC's call types: an interceptor
 * on the public endpoint that sees only method names, message sizes and statuses, told the
 * caller's tenant by the proxy once the token is verified.
 */
package io.tollgate.connect.metrics;
