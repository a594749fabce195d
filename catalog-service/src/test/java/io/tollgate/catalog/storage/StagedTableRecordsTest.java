package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Staged tables' directories: found only for their warehouse, table and stager; bounded; not found once expired. */
class StagedTableRecordsTest {
    private static final PostgresDatabase DB = PostgresDatabase.create();
    private static final StagedTableRecords RECORDS = new StagedTableRecords(CatalogSchema.migrated(DB),
            DataSourceResolver.DEFAULT);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final TableIdentifier TABLE = TableIdentifier.of(Namespace.of("a", "b"), "t");

    @Test
    void aStagingIsFoundForItsWarehouseTableAndStagerOnlyUntilItIsForgotten() {
        String location = "s3://lake/acme/a/b/t-0123456789abcdef0123456789abcdef";
        RECORDS.remember("acme/lake", TABLE, location, "writer@acme", HOUR, 10);

        assertEquals(List.of(location), RECORDS.locations("acme/lake", TABLE, "writer@acme", 16));
        assertEquals(List.of(), RECORDS.locations("acme/lake", TABLE, "other-writer@acme", 16), "another stager");
        assertEquals(List.of(), RECORDS.locations("globex/lake", TABLE, "writer@acme", 16), "another warehouse");
        assertEquals(List.of(), RECORDS.locations("acme/lake", TableIdentifier.of(Namespace.of("a.b"), "t"),
                "writer@acme", 16), "a namespace whose levels join to the same dotted name");
        assertEquals(List.of(), RECORDS.locations("acme/lake", TableIdentifier.of(Namespace.of("a", "b"), "u"),
                "writer@acme", 16), "another table");

        RECORDS.forget("acme/lake", TABLE, location);
        assertEquals(List.of(), RECORDS.locations("acme/lake", TABLE, "writer@acme", 16), "the commit created it");
    }

    @Test
    void anExpiredStagingIsNotFound() {
        RECORDS.remember("acme/expiring", TABLE, "s3://lake/acme/a/b/t-expired", "writer@acme", Duration.ZERO, 10);

        assertEquals(List.of(), RECORDS.locations("acme/expiring", TABLE, "writer@acme", 16));
    }

    @Test
    void aWarehouseKeepsAtMostItsLimitTheOldestGoingFirst() {
        for (int i = 0; i < 5; i++) {
            RECORDS.remember("acme/bounded", TABLE, "s3://lake/acme/a/b/t-" + i, "writer@acme", HOUR, 3);
        }

        assertEquals(List.of("s3://lake/acme/a/b/t-4", "s3://lake/acme/a/b/t-3", "s3://lake/acme/a/b/t-2"),
                RECORDS.locations("acme/bounded", TABLE, "writer@acme", 16));
        assertEquals(List.of("s3://lake/acme/a/b/t-4"), RECORDS.locations("acme/bounded", TABLE, "writer@acme", 1),
                "at most the limit asked, newest first");
    }
}
