package io.tollgate.catalog.handler;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.catalog.storage.WarehouseRoot;
import io.tollgate.catalog.storage.WarehouseStorage;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * A warehouse opened for one caller's operation: its catalog and the root its locations must lie under.
 *
 * @param name    the warehouse's name, the URL prefix of its routes
 * @param catalog its Iceberg catalog
 * @param root    its storage root
 * @param storage how its S3 storage is reached; null for a local warehouse
 */
record Warehouse(String name, JdbcCatalog catalog, WarehouseRoot root, @Nullable WarehouseStorage storage) {
}
