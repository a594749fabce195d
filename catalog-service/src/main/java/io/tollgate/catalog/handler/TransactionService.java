package io.tollgate.catalog.handler;

import io.tollgate.catalog.audit.AuditTarget;
import io.tollgate.catalog.audit.CatalogAudit;
import io.tollgate.catalog.storage.MetadataFiles;
import io.tollgate.catalog.storage.TableRows;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.RetryableValidationException;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-table commits ({@code POST /v1/{prefix}/transactions/commit}): every table's changes land,
 * or none does. Each table's requirements are checked against its current metadata and its updates
 * applied, its new metadata file written under the warehouse (confined like any commit's); then one
 * PostgreSQL transaction compare-and-sets every table's metadata location, and a table that moved on
 * meanwhile rolls all of them back (409 CommitFailedException). Unlike a single-table commit there is
 * no retry on the server: the client decides whether to rebuild the whole transaction. Recorded
 * by {@link CatalogAudit} as one event naming every table.
 */
@Singleton
public class TransactionService {
    /** Tables in one transaction: each is a metadata file written and a row locked until the end. */
    static final int MAX_TABLES = 100;

    private final WarehouseAccess warehouses;
    private final TableRows rows;
    private final CatalogAudit audit;

    public TransactionService(WarehouseAccess warehouses, TableRows rows, CatalogAudit audit) {
        this.warehouses = warehouses;
        this.rows = rows;
        this.audit = audit;
    }

    public void commit(Caller caller, String prefix, CommitTransactionRequest request) {
        AuditTarget target = AuditTarget.warehouse(prefix).withDetail(tablesOf(request));
        audit.record(caller, "transaction.commit", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "commit transactions", AccessClass.WRITER);
            request.validate();
            List<UpdateTableRequest> changes = request.tableChanges();
            if (changes.size() > MAX_TABLES) {
                throw new BadRequestException("A transaction may change at most %d tables", MAX_TABLES);
            }
            Set<TableIdentifier> seen = new HashSet<>();
            for (UpdateTableRequest change : changes) {
                if (!seen.add(change.identifier())) {
                    throw new BadRequestException("Table %s appears more than once in the transaction", change.identifier());
                }
                if (change.requirements().stream().anyMatch(UpdateRequirement.AssertTableDoesNotExist.class::isInstance)) {
                    throw new BadRequestException("Creating a table is not supported in a multi-table transaction");
                }
                // Every location is checked before any file of the transaction is written.
                StorageConfinement.updates(warehouse.root(), change.updates());
            }
            List<TableRows.Swap> swaps = new ArrayList<>(changes.size());
            for (UpdateTableRequest change : changes) {
                swaps.add(prepare(warehouse, change));
            }
            rows.swapAll(warehouse.catalog().name(), swaps);
        });
    }

    // The table's move: its requirements checked on the metadata it has now, its updates applied
    // and written to a new metadata file (none when they change nothing).
    private static TableRows.Swap prepare(Warehouse warehouse, UpdateTableRequest change) {
        TableIdentifier identifier = change.identifier();
        Table table = warehouse.catalog().loadTable(identifier);
        if (!(table instanceof BaseTable baseTable)) {
            // A metadata table (e.g. t.snapshots) is not a table one can commit to.
            throw new NoSuchTableException("Table does not exist: %s", identifier);
        }
        TableOperations ops = baseTable.operations();
        TableMetadata base = ops.current();
        for (UpdateRequirement requirement : change.requirements()) {
            requirement.validate(base);
        }
        TableMetadata.Builder builder = TableMetadata.buildFrom(base);
        try {
            for (MetadataUpdate update : change.updates()) {
                update.applyTo(builder);
            }
        } catch (RetryableValidationException e) {
            // The request carries values the table has moved past (e.g. a stale sequence number).
            throw new CommitFailedException(e, "Commit failed for table %s: the request carries values the table "
                    + "has moved past; reload it and retry", identifier);
        }
        TableMetadata updated = builder.build();
        String current = base.metadataFileLocation();
        String next = updated.changes().isEmpty() ? current : MetadataFiles.writeNext(ops, updated);
        return new TableRows.Swap(identifier, current, next);
    }

    /** The tables a transaction names, for its audit event: at most ten, then how many more. */
    private static String tablesOf(CommitTransactionRequest request) {
        List<UpdateTableRequest> changes = request.tableChanges() == null ? List.of() : request.tableChanges();
        List<String> named = changes.stream().limit(10).map(change -> String.valueOf(change.identifier())).toList();
        return "tables " + String.join(", ", named) + (changes.size() > 10 ? " and " + (changes.size() - 10) + " more" : "");
    }
}
