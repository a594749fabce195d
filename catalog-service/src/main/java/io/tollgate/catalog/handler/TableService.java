package io.tollgate.catalog.handler;

import io.tollgate.catalog.audit.AuditTarget;
import io.tollgate.catalog.audit.CatalogAudit;
import io.tollgate.catalog.storage.TablePurge;
import io.tollgate.catalog.storage.TableRows;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tables of the caller's warehouse: readers list, load and check; writers also create (staged or
 * not), commit, rename and drop (with or without purge); tenant-admins also register. Every
 * location a create, a commit or a registered metadata file names is confined to the warehouse
 * first, and a purge deletes nothing outside it. Every change is recorded by {@link CatalogAudit}.
 */
@Singleton
public class TableService {
    private final WarehouseAccess warehouses;
    private final TableRows rows;
    private final CatalogAudit audit;
    private final StagedTables stagedTables;
    private final NamespaceContents contents;

    public TableService(WarehouseAccess warehouses, TableRows rows, CatalogAudit audit, StagedTables stagedTables,
                        NamespaceContents contents) {
        this.warehouses = warehouses;
        this.rows = rows;
        this.audit = audit;
        this.stagedTables = stagedTables;
        this.contents = contents;
    }

    public ListTablesResponse list(Caller caller, String prefix, Namespace namespace, String pageToken, String pageSize) {
        Warehouse warehouse = warehouses.open(caller, prefix, "list tables", AccessClass.READER);
        return contents.page(warehouse, namespace, TableRows.Kind.TABLE, pageToken, pageSize);
    }

    public LoadTableResponse create(Caller caller, String prefix, Namespace namespace, CreateTableRequest request) {
        return create(caller, prefix, namespace, request, AccessDelegation.NONE);
    }

    /** Creates the table; the answer carries what the client needs for the delegation it asked for. */
    public LoadTableResponse create(Caller caller, String prefix, Namespace namespace, CreateTableRequest request,
                                    AccessDelegation delegation) {
        AuditTarget target = AuditTarget.table(prefix, namespace, request.name());
        return audit.record(caller, "table.create", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "create tables", AccessClass.WRITER);
            request.validate();
            CatalogLimits.table(TableIdentifier.of(namespace, request.name()));
            boolean catalogChoosesLocation = request.location() == null || request.location().isEmpty();
            CreateTableRequest placed = inUniqueLocation(warehouse, namespace, request);
            StorageConfinement.location(warehouse.root(), placed.location());
            StorageConfinement.properties(warehouse.root(), request.properties());
            NamespaceService.requireExists(warehouse.catalog(), namespace);
            if (request.stageCreate()) {
                // Nothing is written: the client gets the metadata to build on, and creates the table
                // with a commit asserting it does not exist yet (confined like any commit). The
                // default location is only known now, so it is checked too (a namespace may be "..").
                LoadTableResponse staged = CatalogHandlers.stageTableCreate(warehouse.catalog(), namespace, placed);
                StorageConfinement.location(warehouse.root(), staged.tableMetadata().location());
                if (catalogChoosesLocation && delegation.signsFor(warehouse)) {
                    // The client writes its first files before its commit creates the table: the
                    // fresh directory the catalog chose is signed for it meanwhile.
                    stagedTables.staged(caller, warehouse, TableIdentifier.of(namespace, request.name()),
                            placed.location());
                }
                return delegation.apply(warehouse, TableIdentifier.of(namespace, request.name()), staged);
            }
            LoadTableResponse created = CatalogHandlers.createTable(warehouse.catalog(), namespace, placed);
            warehouses.written(warehouse, created.tableMetadata());
            return delegation.apply(warehouse, TableIdentifier.of(namespace, request.name()), created);
        });
    }

    /**
     * The table with its ETag; only the ETag when {@code ifNoneMatch} names the current one, decided
     * on the catalog's row without reading the metadata file. The tenant and role checks come first
     * either way, so a revoked token or a suspended tenant never gets a "not modified".
     *
     * The metadata carries every snapshot, or with {@code refs} only those that branches and tags
     * reference.
     *
     * @param snapshots   {@code all} (also when null) or {@code refs}
     * @param ifNoneMatch the caller's {@code If-None-Match}, or null
     * @param delegation  the storage access the client asked to be delegated (remote signing)
     */
    public LoadedTable load(Caller caller, String prefix, TableIdentifier table, String snapshots,
                            String ifNoneMatch, AccessDelegation delegation) {
        SnapshotMode mode = snapshotMode(snapshots);
        Warehouse warehouse = warehouses.open(caller, prefix, "load tables", AccessClass.READER);
        // One read of the catalog's row serves the ETag and the load. The row names the current
        // metadata file; it must still exist (a load would fail on it, and a 304 must not vouch for
        // it): a stat, or a HEAD on S3. The file is parsed once and then kept (metadata files are
        // never changed once written).
        Optional<String> current = rows.currentMetadataLocation(warehouse.catalog().name(), table);
        if (current.isPresent() && warehouses.metadataExists(caller, warehouse, current.get())) {
            String etag = TableETag.of(caller, warehouse.name(), current.get(), mode, delegation);
            if (ifNoneMatch != null && TableETag.matches(ifNoneMatch, etag)) {
                return new LoadedTable(null, etag, false);
            }
            Optional<TableMetadata> metadata = warehouses.metadata(warehouse, current.get());
            if (metadata.isPresent()) {
                LoadTableResponse response = delegation.apply(warehouse, table, response(metadata.get(), mode));
                return new LoadedTable(response, etag, response.tableMetadata() == metadata.get());
            }
        }
        // No such table (or a view, a metadata table, a file gone): the catalog's own load says so
        // in Iceberg's words.
        LoadTableResponse response = delegation.apply(warehouse, table,
                CatalogHandlers.loadTable(warehouse.catalog(), table, mode));
        return new LoadedTable(response,
                TableETag.of(caller, warehouse.name(), response.metadataLocation(), mode, delegation), false);
    }

    /** As Iceberg's {@code CatalogHandlers.loadTable} answers for a table's metadata. */
    private static LoadTableResponse response(TableMetadata metadata, SnapshotMode mode) {
        TableMetadata answered = mode == SnapshotMode.REFS
                ? TableMetadata.buildFrom(metadata).withMetadataLocation(metadata.metadataFileLocation())
                        .suppressHistoricalSnapshots().build()
                : metadata;
        return LoadTableResponse.builder().withTableMetadata(answered).build();
    }

    private static SnapshotMode snapshotMode(String snapshots) {
        if (snapshots == null || snapshots.equalsIgnoreCase("all")) {
            return SnapshotMode.ALL;
        }
        if (snapshots.equalsIgnoreCase("refs")) {
            return SnapshotMode.REFS;
        }
        throw new BadRequestException("snapshots must be all or refs");
    }

    public void exists(Caller caller, String prefix, TableIdentifier table) {
        Warehouse warehouse = warehouses.open(caller, prefix, "check tables", AccessClass.READER);
        CatalogHandlers.tableExists(warehouse.catalog(), table);
    }

    public LoadTableResponse commit(Caller caller, String prefix, TableIdentifier table, UpdateTableRequest request) {
        AuditTarget target = AuditTarget.table(prefix, table).withSnapshot(addedSnapshot(request));
        return audit.record(caller, "table.commit", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "commit to tables", AccessClass.WRITER);
            // A commit may create its table (a staged create's assert-create): its name must fit as well.
            CatalogLimits.table(table);
            StorageConfinement.updates(warehouse.root(), request.updates());
            boolean creates = request.requirements().stream()
                    .anyMatch(UpdateRequirement.AssertTableDoesNotExist.class::isInstance);
            if (creates) {
                // A staged create's commit: Iceberg's handler builds the table from its updates and
                // would fail on a missing schema with a NullPointerException (an incident).
                if (request.updates().stream().noneMatch(MetadataUpdate.AddSchema.class::isInstance)) {
                    throw new BadRequestException("A commit creating a table must add its schema");
                }
                NamespaceService.requireExists(warehouse.catalog(), table.namespace());
            }
            LoadTableResponse committed = CatalogHandlers.updateTable(warehouse.catalog(), table, request);
            if (creates) {
                stagedTables.created(warehouse, table, committed.tableMetadata().location());
            }
            warehouses.written(warehouse, committed.tableMetadata());
            return committed;
        });
    }

    public void rename(Caller caller, String prefix, RenameTableRequest request) {
        AuditTarget target = request.source() == null ? AuditTarget.warehouse(prefix)
                : AuditTarget.table(prefix, request.source())
                .withDetail("to " + (request.destination() == null ? "-" : request.destination()));
        audit.record(caller, "table.rename", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "rename tables", AccessClass.WRITER);
            request.validate();
            CatalogLimits.table(request.destination());
            CatalogHandlers.renameTable(warehouse.catalog(), request);
        });
    }

    /**
     * Drops the table from the catalog. With {@code purge}, then deletes the files its last
     * metadata reaches, each only if it lies under the warehouse's root ({@link TablePurge}): the
     * catalog entry goes first, so a failed deletion leaves orphaned files, never a table whose
     * files are half gone.
     */
    public void drop(Caller caller, String prefix, TableIdentifier table, boolean purge) {
        AuditTarget target = AuditTarget.table(prefix, table).withDetail(purge ? "purge" : "keep files");
        audit.record(caller, "table.drop", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "drop tables", AccessClass.WRITER);
            if (!purge) {
                CatalogHandlers.dropTable(warehouse.catalog(), table);
                warehouses.tableDropped(warehouse);
                return;
            }
            TableOperations operations = TableFiles.operations(warehouse.catalog().loadTable(table), table);
            TableMetadata last = operations.current();
            CatalogHandlers.dropTable(warehouse.catalog(), table);
            warehouses.tableDropped(warehouse);
            TablePurge.purge(operations.io(), warehouse.root(), last);
        });
    }

    /**
     * Registers a table from a metadata file already in storage (tenant-admins only). The file,
     * and every location its metadata names, must lie under the warehouse's root: checked on the
     * file as read before anything is written to the catalog.
     */
    public LoadTableResponse register(Caller caller, String prefix, Namespace namespace, RegisterTableRequest request) {
        return register(caller, prefix, namespace, request, AccessDelegation.NONE);
    }

    /** As {@link #register(Caller, String, Namespace, RegisterTableRequest)}; the answer carries the delegation asked for, as a load's does. */
    public LoadTableResponse register(Caller caller, String prefix, Namespace namespace, RegisterTableRequest request,
                                      AccessDelegation delegation) {
        AuditTarget target = AuditTarget.table(prefix, namespace, request.name());
        return audit.record(caller, "table.register", target, () -> {
            Warehouse warehouse = warehouses.open(caller, prefix, "register tables", AccessClass.ADMIN);
            request.validate();
            if (request.overwrite()) {
                // As Iceberg's JDBC catalog would answer, but before the file is read.
                throw new UnsupportedOperationException("Registering tables with overwrite is not supported");
            }
            StorageConfinement.location(warehouse.root(), request.metadataLocation());
            TableIdentifier identifier = TableIdentifier.of(namespace, request.name());
            NamespaceService.requireExists(warehouse.catalog(), namespace);
            TableMetadata metadata = TableFiles.readTable(warehouse.catalog(), identifier, request.metadataLocation());
            StorageConfinement.metadata(warehouse.root(), metadata);
            return delegation.apply(warehouse, identifier,
                    CatalogHandlers.registerTable(warehouse.catalog(), namespace, request));
        });
    }

    /**
     * The request with a location of its own when the client named none: the namespace's directory,
     * then the table's name and a random suffix. A table dropped without purge leaves its files;
     * one created later under the same name must never find them (Iceberg writes data files under
     * fixed names, e.g. by a client's own naming), so no two tables ever share a directory.
     */
    private static CreateTableRequest inUniqueLocation(Warehouse warehouse, Namespace namespace,
                                                       CreateTableRequest request) {
        if (request.location() != null && !request.location().isEmpty()) {
            return request;
        }
        String location = warehouse.root().location() + "/" + String.join("/", namespace.levels()) + "/"
                + request.name() + "-" + UUID.randomUUID().toString().replace("-", "");
        CreateTableRequest.Builder placed = CreateTableRequest.builder().withName(request.name())
                .withLocation(location).withSchema(request.schema());
        if (request.properties() != null) {
            placed.setProperties(request.properties());
        }
        if (request.spec() != null) {
            placed.withPartitionSpec(request.spec());
        }
        if (request.writeOrder() != null) {
            placed.withWriteOrder(request.writeOrder());
        }
        if (request.stageCreate()) {
            placed.stageCreate();
        }
        return placed.build();
    }

    /** The snapshot a commit adds (the last, if it adds several), for the audit trail. */
    private static Long addedSnapshot(UpdateTableRequest request) {
        Long added = null;
        for (MetadataUpdate update : request.updates() == null ? List.<MetadataUpdate>of() : request.updates()) {
            if (update instanceof MetadataUpdate.AddSnapshot snapshot) {
                added = snapshot.snapshot().snapshotId();
            }
        }
        return added;
    }
}
