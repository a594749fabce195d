/**
 * What router-service's tests share: an admin REST client, tenant definitions, a WatchTenants
 * watcher, stand-ins for neighbours outside Tollgate (a JWKS server, the Kubernetes API). Service
 * replicas come from testkit ({@code ServiceReplica}), waits from testkit ({@code Await}). Must not
 * import other services' code.
 */
package io.tollgate.router.support;
