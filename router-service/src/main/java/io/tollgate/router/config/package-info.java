/**
 * The {@code tollgate.router.*} configuration, as typed records. Must not import any other package
 * of router-service.
 */
package io.tollgate.router.config;
