/**
 * Whether a service may be sent traffic: the readiness of what every data service needs before it
 * can answer anyone (the tenant registry, the revocation log), told through Micronaut's health API
 * and, on a public gRPC endpoint (Flight SQL, Spark Connect), gRPC's standard health service. Knows
 * common's streams; must not import any service's code or a data protocol's types.
 */
package io.tollgate.common.health;
