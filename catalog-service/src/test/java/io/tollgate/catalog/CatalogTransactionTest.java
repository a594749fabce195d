package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.catalog.storage.TableRows;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import jakarta.inject.Inject;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.BaseTransaction;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-table commits through Iceberg's Java client ({@code RESTCatalog.commitTransaction}) over real
 * PostgreSQL: all tables' changes land or none does; and many committers on one table at once, each
 * of whose commits lands or is refused as a conflict, none lost.
 */
@MicronautTest
class CatalogTransactionTest extends RegistryBackedCatalogTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path ROOT = NEIGHBOURS.storage().resolve("acme");
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(CatalogTestTenants.tenant("acme", "acme-lake", ROOT)));
    static final Schema EVENTS = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

    @Inject
    TableRows rows;

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Test
    void configAdvertisesMultiTableCommits() {
        String body = http.toBlocking().retrieve(HttpRequest.GET("/v1/config?warehouse=acme-lake")
                .bearerAuth(CatalogTestTenants.token("reader@acme", "acme", "reader")));
        assertTrue(JsonBody.parse(body).at("/endpoints").toString().contains("\"POST /v1/{prefix}/transactions/commit\""),
                body);
    }

    @Test
    void aTransactionOverTwoTablesLandsWhole() {
        RESTCatalog writer = client("writer@acme", "writer");
        TableIdentifier ledger = TableIdentifier.of("books", "ledger");
        TableIdentifier journal = TableIdentifier.of("books", "journal");
        createTables(writer, ledger, journal);

        Transaction toLedger = appendingTo(writer, ledger);
        toLedger.updateProperties().set("batch", "42").commit();
        Transaction toJournal = appendingTo(writer, journal);
        writer.commitTransaction(commitOf(ledger, toLedger), commitOf(journal, toJournal));

        Table ledgerNow = writer.loadTable(ledger);
        Table journalNow = writer.loadTable(journal);
        assertEquals(toLedger.table().currentSnapshot().snapshotId(), ledgerNow.currentSnapshot().snapshotId());
        assertEquals("42", ledgerNow.properties().get("batch"));
        assertEquals(toJournal.table().currentSnapshot().snapshotId(), journalNow.currentSnapshot().snapshotId());
        String metadata = ((BaseTable) ledgerNow).operations().current().metadataFileLocation();
        assertTrue(metadata.startsWith(ledgerNow.location() + "/metadata/00001-"), metadata);
        assertTrue(ledgerNow.location().startsWith("file://" + ROOT + "/books/ledger-"), ledgerNow.location());
    }

    @Test
    void aConcurrentChangeToOneTableFailsTheWholeTransactionAndNeitherTableChanges() {
        RESTCatalog writer = client("writer@acme", "writer");
        TableIdentifier orders = TableIdentifier.of("shop", "orders");
        TableIdentifier stock = TableIdentifier.of("shop", "stock");
        createTables(writer, orders, stock);

        Transaction toOrders = appendingTo(writer, orders);
        toOrders.updateProperties().set("reserved", "yes").commit();
        Transaction toStock = appendingTo(writer, stock);

        // Meanwhile another committer moves stock on.
        Table concurrent = client("other@acme", "writer").loadTable(stock);
        concurrent.newAppend().appendFile(dataFile(concurrent, "stock-concurrent")).commit();
        long concurrentSnapshot = concurrent.currentSnapshot().snapshotId();

        assertThrows(CommitFailedException.class,
                () -> writer.commitTransaction(commitOf(orders, toOrders), commitOf(stock, toStock)));

        Table ordersNow = writer.loadTable(orders);
        assertNull(ordersNow.currentSnapshot(), "the table that had no conflict did not change either");
        assertFalse(ordersNow.properties().containsKey("reserved"));
        assertEquals(concurrentSnapshot, writer.loadTable(stock).currentSnapshot().snapshotId());
        assertEquals(1, count(writer.loadTable(stock).snapshots()));
    }

    @Test
    void aTableThatMovedOnBetweenPreparationAndTheSwapRollsBackEveryTable() {
        RESTCatalog writer = client("writer@acme", "writer");
        TableIdentifier first = TableIdentifier.of("swaps", "first");
        TableIdentifier second = TableIdentifier.of("swaps", "second");
        writer.createNamespace(first.namespace());
        String firstLocation = location(writer.createTable(first, EVENTS));
        String secondLocation = location(writer.createTable(second, EVENTS));

        // The first table's swap holds, the second's expects a location the table no longer has.
        List<TableRows.Swap> swaps = List.of(
                new TableRows.Swap(first, firstLocation, firstLocation.replace("00000-", "00009-")),
                new TableRows.Swap(second, secondLocation + ".stale", secondLocation));
        assertThrows(CommitFailedException.class, () -> rows.swapAll("acme/acme-lake", swaps));

        assertEquals(firstLocation, location(writer.loadTable(first)), "the swap that held was rolled back");
        assertEquals(secondLocation, location(writer.loadTable(second)));
    }

    @Test
    void aReaderCannotCommitATransaction() {
        RESTCatalog writer = client("writer@acme", "writer");
        TableIdentifier prices = TableIdentifier.of("readonly", "prices");
        createTables(writer, prices);

        RESTCatalog reader = client("reader@acme", "reader");
        Transaction change = reader.loadTable(prices).newTransaction();
        change.updateProperties().set("by", "reader").commit();
        assertThrows(ForbiddenException.class, () -> reader.commitTransaction(commitOf(prices, change)));
        assertFalse(writer.loadTable(prices).properties().containsKey("by"));
    }

    @Test
    void aTransactionNamingALocationOutsideTheWarehouseIsRefusedAndChangesNothing() {
        RESTCatalog writer = client("writer@acme", "writer");
        TableIdentifier inside = TableIdentifier.of("confined", "inside");
        TableIdentifier moved = TableIdentifier.of("confined", "moved");
        createTables(writer, inside, moved);

        Transaction toInside = writer.loadTable(inside).newTransaction();
        toInside.updateProperties().set("ok", "yes").commit();
        Transaction toMoved = writer.loadTable(moved).newTransaction();
        toMoved.updateLocation().setLocation("file://" + ROOT.resolveSibling("outside")).commit();
        assertThrows(ForbiddenException.class,
                () -> writer.commitTransaction(commitOf(inside, toInside), commitOf(moved, toMoved)));

        assertFalse(writer.loadTable(inside).properties().containsKey("ok"));
        assertTrue(writer.loadTable(moved).location().startsWith("file://" + ROOT));
    }

    @Test
    void ofEightConcurrentCommittersEachCommitLandsOrConflictsAndNoneIsLost() throws Exception {
        int committers = 8;
        TableIdentifier hot = TableIdentifier.of("contended", "hot");
        RESTCatalog owner = client("writer@acme", "writer");
        owner.createNamespace(hot.namespace());
        // No client-side retry, so that every attempt is counted as exactly one commit request.
        owner.buildTable(hot, EVENTS).withProperty(TableProperties.COMMIT_NUM_RETRIES, "0").create();

        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < committers; i++) {
            tables.add(client("committer" + i + "@acme", "writer").loadTable(hot));
        }
        CyclicBarrier start = new CyclicBarrier(committers);
        Set<Long> landed = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(committers);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < committers; i++) {
                Table table = tables.get(i);
                String name = "hot-" + i;
                attempts.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        table.newAppend().appendFile(dataFile(table, name)).commit();
                        landed.add(table.currentSnapshot().snapshotId());
                    } catch (CommitFailedException conflict) {
                        conflicts.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get(2, TimeUnit.MINUTES); // any other failure fails the test here
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(committers, landed.size() + conflicts.get(), "every commit landed or conflicted");
        assertFalse(landed.isEmpty(), "at least one commit landed");
        Table result = owner.loadTable(hot);
        Set<Long> inLog = StreamSupport.stream(result.snapshots().spliterator(), false)
                .map(Snapshot::snapshotId).collect(Collectors.toSet());
        assertEquals(landed, inLog, "the snapshot log holds exactly the commits that landed");
        assertEquals(landed.size(), result.history().size());
        assertNotNull(result.currentSnapshot());
    }

    /** Creates tables of one namespace, and the namespace. */
    private static void createTables(RESTCatalog writer, TableIdentifier... tables) {
        writer.createNamespace(tables[0].namespace());
        for (TableIdentifier table : tables) {
            writer.createTable(table, EVENTS);
        }
    }

    /** A transaction on the table that appends one data file, not yet committed to the catalog. */
    private static Transaction appendingTo(RESTCatalog writer, TableIdentifier table) {
        Transaction transaction = writer.loadTable(table).newTransaction();
        transaction.newAppend().appendFile(dataFile(transaction.table(), table.name() + "-1")).commit();
        return transaction;
    }

    private static TableCommit commitOf(TableIdentifier table, Transaction transaction) {
        BaseTransaction base = (BaseTransaction) transaction;
        return TableCommit.create(table, base.startMetadata(), base.currentMetadata());
    }

    private static DataFile dataFile(Table table, String name) {
        return DataFiles.builder(table.spec())
                .withPath(table.location() + "/data/" + name + ".parquet")
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(128)
                .withRecordCount(1)
                .build();
    }

    private static String location(Table table) {
        return ((BaseTable) table).operations().current().metadataFileLocation();
    }

    private static long count(Iterable<?> items) {
        return StreamSupport.stream(items.spliterator(), false).count();
    }

    private RESTCatalog client(String subject, String role) {
        return clients.writingInMemory(subject, "acme", role, "acme-lake");
    }
}
