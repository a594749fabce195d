package io.tollgate.flight.sql;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.metadata.CatalogRows.ForeignKeyRow;
import io.tollgate.flight.metadata.CatalogRows.PrimaryKeyRow;
import io.tollgate.flight.metadata.CatalogRows.SchemaRow;
import io.tollgate.flight.metadata.CatalogRows.TableRef;
import io.tollgate.flight.metadata.CatalogRows.TableRow;
import io.tollgate.flight.metadata.CatalogService;
import io.tollgate.flight.metadata.TypeInfoRow;
import io.tollgate.flight.metadata.TypeInfoService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

import java.sql.SQLException;
import java.util.List;

/**
 * Streams the answers to Flight SQL's catalog commands, in exactly the schemas the protocol
 * prescribes ({@link Schemas}), from what {@link CatalogService} and {@link TypeInfoService} find
 * in the tenant's backend. Optional command fields absent on the wire are "any".
 */
@Singleton
class MetadataCommands {
    private final CatalogService catalog;
    private final TypeInfoService types;
    private final BufferAllocator allocator;
    private final FlightConfig config;

    MetadataCommands(CatalogService catalog, TypeInfoService types, BufferAllocator allocator, FlightConfig config) {
        this.catalog = catalog;
        this.types = types;
        this.allocator = allocator;
        this.config = config;
    }

    void catalogs(Principal principal, ServerStreamListener listener) throws SQLException {
        List<String> catalogs = catalog.catalogs(principal);
        write(Schemas.GET_CATALOGS_SCHEMA, listener, rows -> {
            for (String name : catalogs) {
                rows.text("catalog_name", name).endRow();
            }
        });
    }

    void schemas(Principal principal, CommandGetDbSchemas command, ServerStreamListener listener)
            throws SQLException {
        List<SchemaRow> schemas = catalog.schemas(principal,
                command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null);
        write(Schemas.GET_SCHEMAS_SCHEMA, listener, rows -> {
            for (SchemaRow schema : schemas) {
                rows.text("catalog_name", schema.catalog()).text("db_schema_name", schema.schema()).endRow();
            }
        });
    }

    void tables(Principal principal, CommandGetTables command, ServerStreamListener listener) throws SQLException {
        boolean includeSchema = command.getIncludeSchema();
        List<TableRow> tables = catalog.tables(principal,
                command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null,
                command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null,
                command.getTableTypesCount() == 0 ? null : command.getTableTypesList(),
                includeSchema);
        write(includeSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, listener, rows -> {
            for (TableRow table : tables) {
                rows.text("catalog_name", table.catalog()).text("db_schema_name", table.schema())
                        .text("table_name", table.table()).text("table_type", table.type());
                if (includeSchema) {
                    rows.binary("table_schema", FlightWire.serialize(new Schema(table.columns())).toByteArray());
                }
                rows.endRow();
            }
        });
    }

    void tableTypes(ServerStreamListener listener) {
        write(Schemas.GET_TABLE_TYPES_SCHEMA, listener, rows -> {
            for (String type : CatalogService.TABLE_TYPES) {
                rows.text("table_type", type).endRow();
            }
        });
    }

    void primaryKeys(Principal principal, CommandGetPrimaryKeys command, ServerStreamListener listener)
            throws SQLException {
        List<PrimaryKeyRow> keys = catalog.primaryKeys(principal,
                command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchema() ? command.getDbSchema() : null,
                command.getTable());
        write(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener, rows -> {
            for (PrimaryKeyRow key : keys) {
                rows.text("catalog_name", key.catalog()).text("db_schema_name", key.schema())
                        .text("table_name", key.table()).text("column_name", key.column())
                        .int32("key_sequence", key.keySequence()).text("key_name", key.keyName()).endRow();
            }
        });
    }

    void exportedKeys(Principal principal, CommandGetExportedKeys command, ServerStreamListener listener)
            throws SQLException {
        TableRef table = new TableRef(command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchema() ? command.getDbSchema() : null, command.getTable());
        foreignKeys(Schemas.GET_EXPORTED_KEYS_SCHEMA, catalog.foreignKeys(principal, table, TableRef.ANY, false),
                listener);
    }

    void importedKeys(Principal principal, CommandGetImportedKeys command, ServerStreamListener listener)
            throws SQLException {
        TableRef table = new TableRef(command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchema() ? command.getDbSchema() : null, command.getTable());
        foreignKeys(Schemas.GET_IMPORTED_KEYS_SCHEMA, catalog.foreignKeys(principal, TableRef.ANY, table, true),
                listener);
    }

    void crossReference(Principal principal, CommandGetCrossReference command, ServerStreamListener listener)
            throws SQLException {
        TableRef primary = new TableRef(command.hasPkCatalog() ? command.getPkCatalog() : null,
                command.hasPkDbSchema() ? command.getPkDbSchema() : null, command.getPkTable());
        TableRef foreign = new TableRef(command.hasFkCatalog() ? command.getFkCatalog() : null,
                command.hasFkDbSchema() ? command.getFkDbSchema() : null, command.getFkTable());
        foreignKeys(Schemas.GET_CROSS_REFERENCE_SCHEMA, catalog.foreignKeys(principal, primary, foreign, false),
                listener);
    }

    void typeInfo(Principal principal, CommandGetXdbcTypeInfo command, ServerStreamListener listener)
            throws SQLException {
        List<TypeInfoRow> found = types.types(principal, command.hasDataType() ? command.getDataType() : null);
        write(Schemas.GET_TYPE_INFO_SCHEMA, listener, rows -> {
            for (TypeInfoRow type : found) {
                rows.text("type_name", type.typeName()).int32("data_type", type.dataType())
                        .int32("column_size", type.columnSize())
                        .text("literal_prefix", type.literalPrefix()).text("literal_suffix", type.literalSuffix())
                        .textList("create_params", type.createParams())
                        .int32("nullable", 1)
                        .bool("case_sensitive", type.caseSensitive())
                        .int32("searchable", 3)
                        .bool("unsigned_attribute", type.unsigned())
                        .bool("fixed_prec_scale", type.fixedPrecisionScale())
                        .bool("auto_increment", false)
                        .text("local_type_name", type.typeName())
                        .int32("minimum_scale", type.minimumScale()).int32("maximum_scale", type.maximumScale())
                        .int32("sql_data_type", type.dataType())
                        .int32("num_prec_radix", type.numPrecRadix())
                        .endRow();
            }
        });
    }

    private void foreignKeys(Schema schema, List<ForeignKeyRow> keys, ServerStreamListener listener) {
        write(schema, listener, rows -> {
            for (ForeignKeyRow key : keys) {
                rows.text("pk_catalog_name", key.pkCatalog()).text("pk_db_schema_name", key.pkSchema())
                        .text("pk_table_name", key.pkTable()).text("pk_column_name", key.pkColumn())
                        .text("fk_catalog_name", key.fkCatalog()).text("fk_db_schema_name", key.fkSchema())
                        .text("fk_table_name", key.fkTable()).text("fk_column_name", key.fkColumn())
                        .int32("key_sequence", key.keySequence())
                        .text("fk_key_name", key.fkKeyName()).text("pk_key_name", key.pkKeyName())
                        .uint8("update_rule", key.updateRule()).uint8("delete_rule", key.deleteRule())
                        .endRow();
            }
        });
    }

    private void write(Schema schema, ServerStreamListener listener, java.util.function.Consumer<RowWriter> rows) {
        try (BufferAllocator memory = allocator.newChildAllocator("metadata", 0, config.queryMemoryBytes());
             RowWriter writer = new RowWriter(schema, memory, listener, config.batchRows())) {
            rows.accept(writer);
            writer.complete();
        }
    }
}
