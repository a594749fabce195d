/**
 * The {@code tollgate.router.*} configuration, as typed records.
 */
package io.tollgate.router.config;
