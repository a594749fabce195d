package io.tollgate.catalog.storage;

/** A location that does not lie under the warehouse's root: refused before anything is written there. */
public class LocationOutsideWarehouseException extends RuntimeException {

    public LocationOutsideWarehouseException(String location) {
        super("location is outside the warehouse: " + location);
    }
}
