package io.tollgate.router.domain;

import java.util.Objects;

/** A tenant's Iceberg warehouse. */
public record Warehouse(String name, String location) {
    public Warehouse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
