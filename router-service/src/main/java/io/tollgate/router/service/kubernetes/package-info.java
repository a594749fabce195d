/**
 * Kubernetes references, resolved through micronaut-kubernetes' client: backend passwords from
 * Secrets and {@code service:} hosts from Services, with short caches and timeouts. Present only
 * with {@code tollgate.router.kubernetes.enabled}. Must not import {@code api} or {@code persistence}.
 */
package io.tollgate.router.service.kubernetes;
