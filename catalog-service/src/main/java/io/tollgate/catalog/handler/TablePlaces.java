package io.tollgate.catalog.handler;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a table's files lie, for the signer: its location and the data and metadata paths its
 * properties set. Reading them loads the table (a database read and a metadata file read), which a
 * client would otherwise cause once per data file it reads or writes, so they are kept briefly
 * ({@link #KEPT}, at most {@link #MAX_TABLES} tables). A table moved or dropped meanwhile keeps its
 * old places for that long: places of the same tenant's warehouse, whose tables the caller's role
 * already reaches; the caller's tenant, warehouse and role are checked afresh on every request, and
 * every place must still lie under the warehouse's current root. A table created anew meanwhile
 * (dropped and created again under its name: a new directory) is read afresh when a request is
 * not under its kept places ({@link #reread}), so it is never refused for that time.
 */
@Singleton
class TablePlaces {
    static final Duration KEPT = Duration.ofSeconds(10);
    static final int MAX_TABLES = 10_000;

    private final Cache<String, List<String>> places = Caffeine.newBuilder()
            .maximumSize(MAX_TABLES).expireAfterWrite(KEPT).build();

    /** The table's places under the warehouse's root; Iceberg's NoSuchTableException when it does not exist. */
    List<String> of(Warehouse warehouse, TableIdentifier table) {
        // The catalog's name is its tenant and warehouse: no two warehouses share a key.
        List<String> all = places.get(key(warehouse, table), key -> read(warehouse, table));
        return all.stream().filter(warehouse.root()::contains).toList();
    }

    /** As {@link #of}, read from the table now (and kept): for a request its kept places do not cover. */
    List<String> reread(Warehouse warehouse, TableIdentifier table) {
        places.invalidate(key(warehouse, table));
        return of(warehouse, table);
    }

    private static String key(Warehouse warehouse, TableIdentifier table) {
        return warehouse.catalog().name() + "\n" + table;
    }

    private static List<String> read(Warehouse warehouse, TableIdentifier table) {
        Table loaded = warehouse.catalog().loadTable(table);
        List<String> found = new ArrayList<>();
        found.add(loaded.location());
        StorageConfinement.LOCATION_PROPERTIES.stream().map(loaded.properties()::get).filter(Objects::nonNull)
                .forEach(found::add);
        return List.copyOf(found);
    }
}
