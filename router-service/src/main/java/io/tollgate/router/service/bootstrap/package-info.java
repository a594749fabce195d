/**
 * The tenant bootstrap file: read, checked field by field, and its missing tenants created at start.
 */
package io.tollgate.router.service.bootstrap;
