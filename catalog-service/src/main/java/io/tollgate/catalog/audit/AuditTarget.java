package io.tollgate.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What a mutation was done to: the warehouse (the URL prefix), a namespace, a table or view, and
 * for a commit that made one the snapshot it added; {@code detail} says what else matters (a
 * rename's destination). Names are joined by dots, as Iceberg prints them.
 *
 * @param warehouse  the warehouse named in the request
 * @param namespace  the namespace, or "" for none
 * @param table      the table or view, or "" for none
 * @param snapshotId the snapshot a commit added, or null
 * @param detail     more about the mutation, or ""
 */
public record AuditTarget(String warehouse, String namespace, String table, @Nullable Long snapshotId,
                          String detail) {

    public static AuditTarget warehouse(String warehouse) {
        return new AuditTarget(warehouse, "", "", null, "");
    }

    public static AuditTarget namespace(String warehouse, Namespace namespace) {
        return new AuditTarget(warehouse, namespace.toString(), "", null, "");
    }

    /** A table or a view. */
    public static AuditTarget table(String warehouse, TableIdentifier table) {
        return new AuditTarget(warehouse, table.namespace().toString(), table.name(), null, "");
    }

    /** A table or a view by its parts, as a create request names it (the name may be missing). */
    public static AuditTarget table(String warehouse, Namespace namespace, @Nullable String name) {
        return new AuditTarget(warehouse, namespace.toString(), name == null ? "" : name, null, "");
    }

    public AuditTarget withSnapshot(@Nullable Long snapshot) {
        return new AuditTarget(warehouse, namespace, table, snapshot, detail);
    }

    public AuditTarget withDetail(String text) {
        return new AuditTarget(warehouse, namespace, table, snapshotId, text);
    }
}
