/**
 * Runs Apache Iceberg's REST Compatibility Kit against a real catalog-service: {@link
 * io.tollgate.rck.KitCatalogLauncher} starts the suite (router, auth, catalog as separate processes
 * on an embedded PostgreSQL) before the kit's classes run and stops it after, and hands the kit
 * its client settings (catalog URI, warehouse, an OAuth2 client credential) as the system
 * properties it reads. Only the wire: no service's classes are imported.
 */
package io.tollgate.rck;
