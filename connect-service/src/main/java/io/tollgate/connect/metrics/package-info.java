/**
 * connect-service's own series (docs/operations.md#metrics): Spark Connect calls by RPC, status and
 * tenant, message bytes each way per tenant, and the sessions and operations each tenant holds
 * against its limits. The tenant tag goes through common's {@code TenantTags}, and only a verified
 * caller's tenant is ever given to it; no session id, operation id, subject or plan is a tag. The
 * wire's part is one interceptor on the public endpoint, told the caller's tenant once the token
 * is verified.
 */
package io.tollgate.connect.metrics;
