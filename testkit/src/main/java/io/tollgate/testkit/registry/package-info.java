/**
 * router-service's tenant registry as a neighbour in a module's tests
 * ({@link io.tollgate.testkit.registry.RegistryDouble}): a real gRPC RouterService, on mutual TLS
 * with router-service's certificate, streaming WatchTenants from tenants the test sets and changes.
 * A double of the wire contract in {@code tollgate/router/v1/router_service.proto}, never of a
 * service's own classes; router-service's own side is tested in router-service. Must not import
 * any service module.
 */
package io.tollgate.testkit.registry;
