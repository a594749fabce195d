package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.LocationOutsideWarehouseException;
import io.tollgate.catalog.storage.WarehouseRoot;
import org.apache.iceberg.ImmutableGenericPartitionStatisticsFile;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.SnapshotParser;
import org.apache.iceberg.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every location a commit's metadata updates carry is confined, including those only clients read
 * (partition statistics) and those a snapshot could embed instead of naming a manifest list.
 */
class StorageConfinementTest {
    private static final WarehouseRoot ROOT = WarehouseRoot.of("file:///srv/warehouses/acme");
    private static final String ELSEWHERE = "file:///srv/warehouses/globex/t/metadata/stats.parquet";

    @Test
    void partitionStatisticsOutsideTheRootAreRefusedAndInsideAccepted() {
        assertThrows(LocationOutsideWarehouseException.class,
                () -> StorageConfinement.updates(ROOT, List.of(partitionStatistics(ELSEWHERE))));
        assertDoesNotThrow(() -> StorageConfinement.updates(ROOT,
                List.of(partitionStatistics("file:///srv/warehouses/acme/ns/t/metadata/stats.parquet"))));
    }

    @Test
    void aSnapshotThatEmbedsItsManifestsInsteadOfAManifestListIsRefused() {
        String embedded = "{\"snapshot-id\":1,\"timestamp-ms\":1,\"summary\":{\"operation\":\"append\"},"
                + "\"manifests\":[\"file:///srv/warehouses/globex/t/metadata/m0.avro\"]}";
        MetadataUpdate update = new MetadataUpdate.AddSnapshot(SnapshotParser.fromJson(embedded));

        assertThrows(BadRequestException.class, () -> StorageConfinement.updates(ROOT, List.of(update)));
    }

    @Test
    void aSnapshotWhoseManifestListIsOutsideTheRootIsRefused() {
        String listed = "{\"snapshot-id\":1,\"timestamp-ms\":1,\"summary\":{\"operation\":\"append\"},"
                + "\"manifest-list\":\"file:///srv/warehouses/acme/../globex/t/metadata/snap-1.avro\"}";
        MetadataUpdate update = new MetadataUpdate.AddSnapshot(SnapshotParser.fromJson(listed));

        assertThrows(LocationOutsideWarehouseException.class, () -> StorageConfinement.updates(ROOT, List.of(update)));
    }

    private static MetadataUpdate partitionStatistics(String path) {
        return new MetadataUpdate.SetPartitionStatistics(ImmutableGenericPartitionStatisticsFile.builder()
                .snapshotId(1L).path(path).fileSizeInBytes(1L).build());
    }
}
