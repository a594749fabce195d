package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * One of a tenant's Iceberg warehouses.
 *
 * @param name     unique within the tenant; catalog-service's URL prefix for it
 * @param location the normalised storage root ({@code file:///path} or {@code s3://bucket/prefix})
 * @param storage  how to reach an S3-compatible store; null for the local filesystem
 */
public record Warehouse(String name, String location, @Nullable S3Storage storage) {
    public Warehouse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }

    /** A warehouse on the local filesystem. */
    public static Warehouse local(String name, String location) {
        return new Warehouse(name, location, null);
    }
}
