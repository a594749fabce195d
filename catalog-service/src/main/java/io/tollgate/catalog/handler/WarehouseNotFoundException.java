package io.tollgate.catalog.handler;

/**
 * A warehouse the caller cannot reach: one that does not exist and one of another tenant get this
 * same refusal, so that no answer tells a caller which names other tenants use.
 */
public class WarehouseNotFoundException extends RuntimeException {

    public WarehouseNotFoundException(String warehouse) {
        super("Warehouse not found: " + warehouse);
    }
}
