/**
 * Whether a service may be sent traffic: the readiness of what every data service needs before it
 * can answer anyone (the tenant registry, the revocation log). Knows Micronaut's health API and
 * common's streams; must not import any service's code or a wire protocol's types.
 */
package io.tollgate.common.health;
