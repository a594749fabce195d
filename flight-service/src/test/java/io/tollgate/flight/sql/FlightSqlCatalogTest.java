package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TableSchemas;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Flight SQL catalog command, with arrow-java's FlightSqlClient, against a real tenant backend. */
class FlightSqlCatalogTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient acme;
    static FlightSqlClient acmeReader;
    static FlightSqlClient globex;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(ShopSchema.create(DB));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("w@acme", "acme", "writer"));
        acmeReader = server.client(allocator, server.token("r@acme", "acme", "reader"));
        globex = server.client(allocator, server.token("w@globex", "globex", "writer"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        acmeReader.close();
        globex.close();
        allocator.close();
        server.close();
    }

    private static Map<Integer, Object> sqlInfo(FlightSqlClient client, SqlInfo... infos) throws Exception {
        Results results = Results.read(client, client.getSqlInfo(infos));
        Map<Integer, Object> values = new HashMap<>();
        for (List<Object> row : results.rows()) {
            values.put((Integer) row.get(0), row.get(1));
        }
        return values;
    }

    @Test
    void sqlInfoNamesTollgateWithPostgresVersionAndTheCallersReadOnlyFlag() throws Exception {
        Map<Integer, Object> writer = sqlInfo(acme);
        assertEquals("Tollgate", writer.get(SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE).toString());
        assertTrue(writer.get(SqlInfo.FLIGHT_SQL_SERVER_VERSION_VALUE).toString().contains("(PostgreSQL 17"),
                writer.get(SqlInfo.FLIGHT_SQL_SERVER_VERSION_VALUE).toString());
        assertEquals("18.3.0", writer.get(SqlInfo.FLIGHT_SQL_SERVER_ARROW_VERSION_VALUE).toString());
        assertEquals(false, writer.get(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE));
        assertEquals("\"", writer.get(SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE).toString());
        assertEquals("database", writer.get(SqlInfo.SQL_CATALOG_TERM_VALUE).toString());
        assertEquals(1, writer.get(SqlInfo.FLIGHT_SQL_SERVER_TRANSACTION_VALUE), "transactions, no savepoint actions");
        assertEquals(true, writer.get(SqlInfo.FLIGHT_SQL_SERVER_BULK_INGESTION_VALUE));
        assertEquals(63L, writer.get(SqlInfo.SQL_MAX_TABLE_NAME_LENGTH_VALUE));
        assertTrue(writer.get(SqlInfo.SQL_KEYWORDS_VALUE).toString().contains("SELECT"));

        assertEquals(true, sqlInfo(acmeReader, SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY)
                .get(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE));
    }

    @Test
    void sqlInfoAnswersOnlyTheIdsAskedForAndLeavesOutUnknownOnes() throws Exception {
        Results results = Results.read(acme, acme.getSqlInfo(new int[] {SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE, 9999}));
        assertEquals(1, results.rows().size());
        assertEquals(SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE, results.rows().get(0).get(0));
    }

    @Test
    void theTenantsDatabaseIsTheOnlyCatalog() throws Exception {
        assertEquals(List.of(DB.database().name()), Results.read(acme, acme.getCatalogs()).column(0));
    }

    @Test
    void schemasFollowTheLikePatternAndHideSchemasTheRoleCannotUse() throws Exception {
        List<String> all = Results.read(acme, acme.getSchemas(null, null)).column(1);
        assertTrue(all.containsAll(List.of("acme", "information_schema", "pg_catalog", "public")), all.toString());
        assertFalse(all.contains("globex"), "another tenant's schema");
        assertEquals(List.of("acme"), Results.read(acme, acme.getSchemas(null, "a_m%")).column(1));
        assertEquals(List.of(), Results.read(acme, acme.getSchemas("other_catalog", null)).column(1));
        assertEquals(List.of("globex"), Results.read(globex, globex.getSchemas(null, "%lob%")).column(1));
    }

    @Test
    void tablesFollowCatalogSchemaAndTablePatternsAndTableTypes() throws Exception {
        assertEquals(List.of("customers", "order_lines", "orders"),
                Results.read(acme, acme.getTables(null, "acme", "%", List.of("TABLE"), false)).column(2));
        assertEquals(List.of("big_orders"),
                Results.read(acme, acme.getTables(null, "acme", null, List.of("VIEW"), false)).column(2));
        assertEquals(List.of("orders"),
                Results.read(acme, acme.getTables(null, "ac%", "order_", null, false)).column(2));
        assertEquals(List.of("order_lines"),
                Results.read(acme, acme.getTables(DB.database().name(), null, "order\\_l%", null, false)).column(2));
        assertEquals(List.of(), Results.read(acme, acme.getTables("other", "acme", null, null, false)).column(2));
        List<String> system = Results.read(acme, acme.getTables(null, "pg_catalog", "pg_class", null, false)).column(3);
        assertEquals(List.of("SYSTEM TABLE"), system);
    }

    @Test
    void aTenantSeesNeitherAnotherTenantsTablesNorTablesItHasNoPrivilegeOn() throws Exception {
        List<String> acmeTables = Results.read(acme, acme.getTables(null, null, "%", null, false)).column(2);
        assertTrue(acmeTables.contains("customers"));
        assertFalse(acmeTables.contains("secrets"), "globex's table");
        assertFalse(acmeTables.contains("unshared"), "a table acme holds no privilege on");
        List<String> globexTables = Results.read(globex, globex.getTables(null, null, "%", List.of("TABLE"), false))
                .column(2);
        assertEquals(List.of("secrets"), globexTables);
    }

    @Test
    void tablesWithTheirSchemaCarryEachColumnsArrowTypeAndFlightSqlColumnMetadata() throws Exception {
        Map<String, Schema> schemas = TableSchemas.of(acme, "acme", "%");
        Schema customers = schemas.get("customers");
        assertEquals(List.of("id", "name"), customers.getFields().stream().map(Field::getName).toList());
        Field name = customers.findField("name");
        assertEquals(ArrowType.Utf8.INSTANCE, name.getType());
        assertFalse(name.isNullable(), "NOT NULL");
        FlightSqlColumnMetadata metadata = new FlightSqlColumnMetadata(name.getMetadata());
        assertEquals("text", metadata.getTypeName());
        assertEquals("customers", metadata.getTableName());
        assertEquals("acme", metadata.getSchemaName());
        assertEquals(DB.database().name(), metadata.getCatalogName());
        assertEquals("display name", metadata.getRemarks());

        Schema orders = schemas.get("orders");
        assertEquals(new ArrowType.Int(64, true), orders.findField("id").getType());
        assertTrue(new FlightSqlColumnMetadata(orders.findField("id").getMetadata()).isAutoIncrement());
        assertEquals(new ArrowType.Decimal(10, 2, 128), orders.findField("amount").getType());
        FlightSqlColumnMetadata amount = new FlightSqlColumnMetadata(orders.findField("amount").getMetadata());
        assertEquals(10, amount.getPrecision());
        assertEquals(2, amount.getScale());
        assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), orders.findField("placed").getType());
        assertTrue(orders.findField("placed").isNullable());
        assertEquals(List.of("amount", "customer_id", "id", "placed"),
                schemas.get("big_orders").getFields().stream().map(Field::getName).sorted().toList());
    }

    @Test
    void everyTableTypeTheServerCanReportIsListed() throws Exception {
        List<String> types = Results.read(acme, acme.getTableTypes()).column(0);
        assertTrue(types.containsAll(List.of("TABLE", "VIEW", "SYSTEM TABLE", "MATERIALIZED VIEW")), types.toString());
    }

    @Test
    void primaryKeysComeInKeyOrder() throws Exception {
        Results keys = Results.read(acme, acme.getPrimaryKeys(TableRef.of(null, "acme", "order_lines")));
        assertEquals(List.of("order_id", "line"), keys.column(3));
        assertEquals(List.of("1", "2"), keys.column(4));
        assertEquals(List.of("order_lines_pkey", "order_lines_pkey"), keys.column(5));
        assertEquals(List.of(), Results.read(globex, globex.getPrimaryKeys(TableRef.of(null, null, "order_lines")))
                .column(3), "another tenant's table has no keys to show");
    }

    @Test
    void importedExportedAndCrossReferencedKeysNameBothSidesAndTheirRules() throws Exception {
        Results imported = Results.read(acme, acme.getImportedKeys(TableRef.of(null, "acme", "orders")));
        assertEquals(1, imported.rows().size());
        List<Object> key = imported.rows().get(0);
        assertEquals(List.of("acme", "customers", "id", "acme", "orders", "customer_id"),
                List.of(key.get(1).toString(), key.get(2).toString(), key.get(3).toString(), key.get(5).toString(),
                        key.get(6).toString(), key.get(7).toString()));
        assertEquals(1, key.get(8), "key_sequence");
        assertEquals("orders_customer_id_fkey", key.get(9).toString());
        assertEquals("customers_pkey", key.get(10).toString());
        assertEquals((byte) 3, key.get(11), "update rule: no action");
        assertEquals((byte) 0, key.get(12), "delete rule: cascade");

        Results exported = Results.read(acme, acme.getExportedKeys(TableRef.of(null, "acme", "orders")));
        assertEquals(List.of("order_lines"), exported.column(6));

        assertEquals(List.of("customer_id"), Results.read(acme, acme.getCrossReference(
                TableRef.of(null, "acme", "customers"), TableRef.of(null, "acme", "orders"))).column(7));
        assertEquals(List.of(), Results.read(acme, acme.getCrossReference(
                TableRef.of(null, "acme", "orders"), TableRef.of(null, "acme", "customers"))).column(7));
    }

    @Test
    void typeInfoListsTheBackendsTypesAndFiltersByDataType() throws Exception {
        Results all = Results.read(acme, acme.getXdbcTypeInfo());
        assertTrue(all.column(0).containsAll(List.of("int4", "text", "numeric", "timestamptz", "uuid", "bool")));
        Results integers = Results.read(acme, acme.getXdbcTypeInfo(Types.INTEGER));
        assertEquals(List.of("int4"), integers.column(0));
        assertEquals(List.of(String.valueOf(Types.INTEGER)), integers.column(1));
    }

    @Test
    void everyCatalogCommandAnnouncesAndStreamsExactlyTheProtocolsSchema() throws Exception {
        Map<Schema, Supplier<FlightInfo>> commands = new HashMap<>();
        commands.put(Schemas.GET_CATALOGS_SCHEMA, () -> acme.getCatalogs());
        commands.put(Schemas.GET_SCHEMAS_SCHEMA, () -> acme.getSchemas(null, null));
        commands.put(Schemas.GET_TABLES_SCHEMA, () -> acme.getTables(null, null, null, null, true));
        commands.put(Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, () -> acme.getTables(null, null, null, null, false));
        commands.put(Schemas.GET_TABLE_TYPES_SCHEMA, () -> acme.getTableTypes());
        commands.put(Schemas.GET_PRIMARY_KEYS_SCHEMA, () -> acme.getPrimaryKeys(TableRef.of(null, null, "orders")));
        commands.put(Schemas.GET_IMPORTED_KEYS_SCHEMA, () -> acme.getImportedKeys(TableRef.of(null, null, "orders")));
        commands.put(Schemas.GET_EXPORTED_KEYS_SCHEMA, () -> acme.getExportedKeys(TableRef.of(null, null, "orders")));
        commands.put(Schemas.GET_CROSS_REFERENCE_SCHEMA, () -> acme.getCrossReference(
                TableRef.of(null, null, "customers"), TableRef.of(null, null, "orders")));
        commands.put(Schemas.GET_TYPE_INFO_SCHEMA, () -> acme.getXdbcTypeInfo());
        commands.put(Schemas.GET_SQL_INFO_SCHEMA, () -> acme.getSqlInfo());
        for (Map.Entry<Schema, Supplier<FlightInfo>> command : commands.entrySet()) {
            FlightInfo info = command.getValue().get();
            assertEquals(command.getKey(), info.getSchemaOptional().orElseThrow());
            Results results = Results.read(acme, info);
            assertEquals(command.getKey(), results.schema());
            assertFalse(results.rows().isEmpty(), command.getKey().toString());
        }
    }
}
