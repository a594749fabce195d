/**
 * Micronaut Security's HTTP integration for Tollgate tokens: the token validator that turns a
 * verified bearer token into an Authentication, and the filter that refuses a request carrying
 * more than one Authorization header. Present only in services that add Micronaut Security; the
 * verification itself lives in {@code io.tollgate.common.auth}, which must not import this package.
 */
package io.tollgate.common.security;
