package io.tollgate.e2e;

import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTransaction;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache Iceberg's own Java client ({@code RESTCatalog}, with iceberg-data and iceberg-parquet to
 * write and read rows) against the whole suite: a writer of acme (an OAuth2 client, credential
 * flow) creates a partitioned table and appends Parquet files; acme's reader reads the rows and may
 * not write; globex cannot tell the table from one that does not exist; a revoked token stops
 * working within a second.
 */
class IcebergJavaClientIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.required(2, "region", Types.StringType.get()),
            Types.NestedField.optional(3, "amount", Types.DoubleType.get()));
    private static final PartitionSpec BY_REGION = PartitionSpec.builderFor(SCHEMA).identity("region").build();
    private static final Namespace SALES = Namespace.of("java_sales");
    private static final TableIdentifier ORDERS = TableIdentifier.of(SALES, "orders");
    private static final List<String> ROWS = List.of("1 emea 10.5", "2 emea 20.0", "3 apac 7.25", "4 amer 99.0");

    @TempDir
    static Path state;
    static Suite suite;
    static AuthHttp auth;
    static String acmeAdmin;
    static String writerCredential;
    static RESTCatalog writer;
    static RESTCatalog reader;
    static RESTCatalog otherTenant;
    static String otherTenantsAnswerBeforeTheTableExisted;
    static List<DataFile> appended;

    @BeforeAll
    static void startTheSuiteAndWriteTheOrders() throws Exception {
        suite = Suite.startForTest(state);
        auth = new AuthHttp(suite);
        acmeAdmin = auth.accessToken(FlightJdbc.account(ACME, "admin"), null);
        writerCredential = auth.newClientCredential(acmeAdmin, ACME, "java-writer", List.of("writer"),
                List.of("catalog"));
        writer = withCredential(ACME, writerCredential);
        reader = withToken(ACME, auth.accessToken(FlightJdbc.account(ACME, "reader"), "catalog"));
        otherTenant = withToken(GLOBEX, auth.accessToken(FlightJdbc.account(GLOBEX, "writer"), "catalog"));
        otherTenantsAnswerBeforeTheTableExisted = refusal(() -> otherTenant.loadTable(ORDERS));

        writer.createNamespace(SALES);
        Table orders = writer.createTable(ORDERS, SCHEMA, BY_REGION);
        appended = appendParquet(orders, ROWS);
    }

    @AfterAll
    static void stopTheSuite() throws IOException {
        for (RESTCatalog catalog : new RESTCatalog[] {writer, reader, otherTenant}) {
            if (catalog != null) {
                catalog.close();
            }
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void theWriterReadsBackEveryRowItAppendedOneParquetFilePerPartition() throws IOException {
        Table orders = writer.loadTable(ORDERS);
        assertEquals(ROWS, rows(orders));
        assertEquals(3, appended.size(), "one file per region");
        for (DataFile file : appended) {
            assertEquals(FileFormat.PARQUET, file.format());
            // Hadoop's FileIO writes file:/path where the warehouse says file:///path: compare paths.
            assertTrue(Path.of(URI.create(file.location())).startsWith(Path.of(URI.create(
                    suite.warehouseLocation(ACME)))), file.location());
        }
        assertEquals("3", orders.currentSnapshot().summary().get("added-data-files"));
        assertEquals(List.of("2 emea 20.0", "1 emea 10.5").stream().sorted().toList(),
                rows(orders, Expressions.equal("region", "emea")));
    }

    @Test
    void aReaderOfTheSameTenantReadsTheRowsAndMayNotWrite() throws IOException {
        Table seenByReader = reader.loadTable(ORDERS);
        assertEquals(ROWS, rows(seenByReader));

        AppendFiles append = seenByReader.newAppend();
        appended.forEach(append::appendFile);
        assertThrows(ForbiddenException.class, append::commit);
        assertThrows(ForbiddenException.class, () -> reader.createTable(TableIdentifier.of(SALES, "readers"), SCHEMA));
        assertThrows(ForbiddenException.class, () -> reader.dropTable(ORDERS, false));
        assertEquals(ROWS, rows(writer.loadTable(ORDERS)), "nothing the reader tried landed");
    }

    @Test
    void theOtherTenantCannotSeeOrLoadTheTableAndHearsWhatANonexistentOneAnswers() {
        assertEquals(otherTenantsAnswerBeforeTheTableExisted, refusal(() -> otherTenant.loadTable(ORDERS)),
                "globex hears the same before and after acme made the table");
        assertTrue(otherTenantsAnswerBeforeTheTableExisted.startsWith(NoSuchTableException.class.getSimpleName()),
                otherTenantsAnswerBeforeTheTableExisted);
        assertFalse(otherTenant.tableExists(ORDERS));
        assertFalse(otherTenant.namespaceExists(SALES));
        assertFalse(otherTenant.listNamespaces().contains(SALES));
        assertThrows(NoSuchNamespaceException.class, () -> otherTenant.listTables(SALES));
    }

    @Test
    void aRevokedTokenStopsWorkingWithinOneSecond() throws Exception {
        String token = auth.accessToken(FlightJdbc.account(ACME, "reader"), "catalog");
        try (RESTCatalog revoked = withToken(ACME, token)) {
            assertEquals(ROWS, rows(revoked.loadTable(ORDERS)), "the fresh token works");
            auth.revoke(acmeAdmin, token);
            Await.until(() -> refusal(() -> revoked.loadTable(ORDERS))
                            .startsWith(NotAuthorizedException.class.getSimpleName()),
                    WITHIN, "the catalog refuses the revoked token as not authorized");
        }
        assertEquals(ROWS, rows(reader.loadTable(ORDERS)), "the reader's other token still works");
    }

    @Test
    void aMultiTableTransactionCommitsAllOrNothing() throws IOException {
        TableIdentifier left = TableIdentifier.of(SALES, "ledger_left");
        TableIdentifier right = TableIdentifier.of(SALES, "ledger_right");
        writer.createTable(left, SCHEMA, BY_REGION);
        writer.createTable(right, SCHEMA, BY_REGION);

        writer.commitTransaction(appendCommit(left, "emea"), appendCommit(right, "apac"));
        assertEquals(1, rows(writer.loadTable(left)).size());
        assertEquals(1, rows(writer.loadTable(right)).size());

        TableCommit leftAgain = appendCommit(left, "amer");
        TableCommit rightStale = appendCommit(right, "amer");
        appendParquet(writer.loadTable(right), List.of("9 emea 1.0")); // right moves on: rightStale is stale
        assertThrows(CommitFailedException.class, () -> writer.commitTransaction(leftAgain, rightStale));
        assertEquals(1, rows(writer.loadTable(left)).size(), "the left table's half did not land either");
        assertEquals(2, rows(writer.loadTable(right)).size());
    }

    /** A commit that appends one row of this region to the table, made against its current metadata. */
    private static TableCommit appendCommit(TableIdentifier id, String region) throws IOException {
        Table table = writer.loadTable(id);
        Transaction transaction = table.newTransaction();
        AppendFiles append = transaction.newAppend();
        writeParquet(table, List.of("100 " + region + " 1.0")).forEach(append::appendFile);
        append.commit();
        TableMetadata base = ((BaseTransaction) transaction).startMetadata();
        return TableCommit.create(id, base, ((BaseTransaction) transaction).currentMetadata());
    }

    /** Appends the rows ({@code "id region amount"}) as Parquet files, one per partition, in one commit. */
    private static List<DataFile> appendParquet(Table table, List<String> rows) throws IOException {
        List<DataFile> files = writeParquet(table, rows);
        AppendFiles append = table.newAppend();
        files.forEach(append::appendFile);
        append.commit();
        return files;
    }

    private static List<DataFile> writeParquet(Table table, List<String> rows) throws IOException {
        Map<String, List<Record>> byRegion = new TreeMap<>();
        for (String row : rows) {
            String[] fields = row.split(" ");
            Record record = GenericRecord.create(table.schema());
            record.setField("id", Long.parseLong(fields[0]));
            record.setField("region", fields[1]);
            record.setField("amount", Double.parseDouble(fields[2]));
            byRegion.computeIfAbsent(fields[1], region -> new ArrayList<>()).add(record);
        }
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).build();
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime())
                .format(FileFormat.PARQUET).build();
        List<DataFile> written = new ArrayList<>();
        for (List<Record> partition : byRegion.values()) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(partition.get(0));
            DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), key), table.spec(),
                    key.copy());
            try (writer) {
                partition.forEach(writer::write);
            }
            written.add(writer.toDataFile());
        }
        return written;
    }

    private static List<String> rows(Table table) throws IOException {
        return rows(table, Expressions.alwaysTrue());
    }

    /** The table's rows as {@code "id region amount"}, sorted, read by Iceberg's generic reader. */
    private static List<String> rows(Table table, Expression filter)
            throws IOException {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).where(filter).build()) {
            for (Record record : records) {
                rows.add(record.getField("id") + " " + record.getField("region") + " " + record.getField("amount"));
            }
        }
        rows.sort(null);
        return rows;
    }

    /** The exception's type and message, or "answered" when the call succeeded. */
    private static String refusal(Runnable call) {
        try {
            call.run();
            return "answered";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static RESTCatalog withToken(DemoTenant tenant, String token) {
        return client(tenant, Map.of("token", token));
    }

    private static RESTCatalog withCredential(DemoTenant tenant, String credential) {
        return client(tenant, Map.of("credential", credential, "scope", "catalog"));
    }

    private static RESTCatalog client(DemoTenant tenant, Map<String, String> credentials) {
        Map<String, String> properties = new LinkedHashMap<>(credentials);
        properties.put("rest.auth.type", "oauth2");
        // No oauth2-server-uri: the client's default, the catalog's own /v1/oauth/tokens, trades the
        // credential (docs/catalog.md#credentials; e2e CatalogCredentialsIT covers auth's endpoint).
        properties.put("uri", suite.catalogUri());
        properties.put("warehouse", tenant.warehouseName());
        RESTCatalog catalog = new RESTCatalog();
        // The client writes and reads data files itself: file: locations go through Hadoop's FileIO.
        catalog.setConf(new Configuration());
        catalog.initialize(tenant.id() + "-client", properties);
        return catalog;
    }
}
