/**
 * auth-service's own series (docs/operations.md#metrics): tokens issued by grant and tenant, and
 * refusals by reason. The tenant tag goes through common's {@code TenantTags}; a refusal has no
 * tenant tag at all, as the tenant it names may be one the caller made up. Knows Micrometer, no wire.
 */
package io.tollgate.auth.metrics;
