package io.tollgate.catalog.handler;

import org.apache.iceberg.BaseTable;
import org.apache.iceberg.BaseTransaction;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.view.ViewMetadata;
import org.apache.iceberg.view.ViewMetadataParser;

import java.io.UncheckedIOException;

/**
 * A table's operations, and metadata files, as the warehouse's catalog sees them: the catalog's own
 * FileIO (confined to the warehouse's root) reads them, whatever storage the warehouse is on.
 */
final class TableFiles {
    private TableFiles() {
    }

    /**
     * The operations behind a table the catalog loaded as {@code identifier}. A metadata table
     * ({@code ns.t.files}) is no table of the catalog's, as Iceberg's own handlers answer: its
     * operations are its base table's, which must never be mistaken for it.
     */
    static TableOperations operations(Table table, TableIdentifier identifier) {
        if (table instanceof BaseTable base) {
            return base.operations();
        }
        throw new NoSuchTableException("Table does not exist: %s", identifier);
    }

    /** The table metadata in a file of the warehouse, read with the catalog's FileIO. */
    static TableMetadata readTable(Catalog catalog, TableIdentifier identifier, String metadataLocation) {
        try {
            return TableMetadataParser.read(io(catalog, identifier), metadataLocation);
        } catch (RuntimeIOException | IllegalArgumentException e) {
            // Iceberg's parser names the file's flaw in its own words; the caller gets ours.
            throw new BadRequestException("The metadata file cannot be read as table metadata: %s", metadataLocation);
        }
    }

    /** The view metadata in a file of the warehouse, read with the catalog's FileIO. */
    static ViewMetadata readView(Catalog catalog, TableIdentifier identifier, String metadataLocation) {
        try {
            return ViewMetadataParser.read(io(catalog, identifier).newInputFile(metadataLocation));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new BadRequestException("The metadata file cannot be read as view metadata: %s", metadataLocation);
        }
    }

    /**
     * The FileIO the catalog would give {@code identifier}. The catalog lends its FileIO only to a
     * table's operations; an uncommitted create-or-replace transaction (which writes nothing) is how
     * Iceberg's own handlers get those for a table that may not exist.
     */
    private static FileIO io(Catalog catalog, TableIdentifier identifier) {
        Transaction transaction = catalog.buildTable(identifier, new Schema()).createOrReplaceTransaction();
        if (!(transaction instanceof BaseTransaction base)) {
            throw new IllegalStateException("the catalog made a transaction without operations: "
                    + transaction.getClass().getName());
        }
        return base.underlyingOps().io();
    }
}
