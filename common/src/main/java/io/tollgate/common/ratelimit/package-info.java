/**
 * Token buckets in one replica's memory, bounded in the number of keys they track: auth-service
 * limits logins per account and address with them, catalog-service requests and commits per
 * tenant. Knows no wire and no service.
 */
package io.tollgate.common.ratelimit;
