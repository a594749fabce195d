package io.tollgate.catalog.handler;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.catalog.config.StagedTablesConfig;
import io.tollgate.catalog.storage.StagedTableRecords;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Staged tables, for the remote signer: a staged create ({@code stage-create}, and every create
 * transaction of Iceberg's clients) answers metadata without creating the table, and the client
 * writes its first manifests before the commit that creates it, each write signed by this catalog.
 * Such a table has no places in the catalog yet, so the directory the catalog itself chose for it
 * ({@code <root>/<namespace path>/<table>-<32 hex>}, fresh: no table has ever lain there) is kept in
 * PostgreSQL (so that every replica signs alike) for the caller that staged it, until the commit
 * creates the table or {@link StagedTablesConfig#lifetime()} ends. Only that directory, only for that
 * caller while it is a writer, and only while it lies under the warehouse's root: a staging that named
 * its own location (which may be any place under the root, another table's included) keeps nothing,
 * and its files can be written once the commit has created the table.
 */
@Singleton
class StagedTables {
    private static final Logger LOG = LoggerFactory.getLogger(StagedTables.class);
    /** Stagings of one table by one caller whose directories are signed (concurrent create transactions). */
    static final int MAX_SIGNED_STAGINGS = 16;

    private final StagedTableRecords records;
    private final StagedTablesConfig config;

    StagedTables(StagedTableRecords records, StagedTablesConfig config) {
        this.records = records;
        this.config = config;
    }

    /** A table was staged in a fresh directory the catalog chose: its stager's writes there are signed. */
    void staged(Caller caller, Warehouse warehouse, TableIdentifier table, String freshLocation) {
        records.remember(warehouse.catalog().name(), table, freshLocation, caller.subject(), config.lifetime(),
                config.maxPerWarehouse());
    }

    /**
     * Where the caller's own stagings of the table lie (under the warehouse's root); none for a
     * caller that is not a writer, whatever it staged while it was one.
     */
    List<String> places(Caller caller, Warehouse warehouse, TableIdentifier table) {
        if (!caller.access().covers(AccessClass.WRITER)) {
            return List.of();
        }
        return records.locations(warehouse.catalog().name(), table, caller.subject(), MAX_SIGNED_STAGINGS).stream()
                .filter(warehouse.root()::contains).toList();
    }

    /** A commit created the table at that location: were it staged there, the staging is over. */
    void created(Warehouse warehouse, TableIdentifier table, String location) {
        records.forget(warehouse.catalog().name(), table, location);
    }

    /** Expired stagings are forgotten; any replica may sweep, and none is signed after its lifetime anyway. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void sweepExpired() {
        int swept = records.sweep();
        if (swept > 0) {
            LOG.debug("forgot {} expired staged tables", swept);
        }
    }
}
