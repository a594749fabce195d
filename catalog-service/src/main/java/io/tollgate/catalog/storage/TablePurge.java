package io.tollgate.catalog.storage;

import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the files a dropped table's last metadata reaches (live data and delete files, manifests,
 * manifest lists, statistics, earlier and current metadata files), as Iceberg's own purge does,
 * but only those under the warehouse's root. The metadata and the manifests are the tenant's
 * writing, so they may name anything, another tenant's files included: every location is checked
 * before it is read or deleted, and one outside the root is skipped and logged. A file that
 * cannot be read or deleted is logged and left, as an orphan; the purge goes on.
 * <p>
 * Data files are left when the table says they may be shared ({@code gc.enabled=false}), as
 * Iceberg does. A manifest shared by several snapshots is read once, as long as the set of those
 * already read stays under {@link #MAX_REMEMBERED_MANIFESTS}; past that it is read again (or, once
 * deleted, logged as unreadable).
 */
public final class TablePurge {
    private static final Logger LOG = LoggerFactory.getLogger(TablePurge.class);
    static final int MAX_REMEMBERED_MANIFESTS = 100_000;
    private static final int MAX_LOGGED_OUTSIDE = 20;

    private final FileIO io;
    private final WarehouseRoot root;
    private final TableMetadata metadata;
    private final boolean deleteData;
    private final Set<String> readManifests = new HashSet<>();
    private int deleted;
    private int outside;
    private int failed;

    /**
     * What a purge did.
     *
     * @param deleted files deleted (or already gone)
     * @param outside locations skipped because they lie outside the root
     * @param failed  files that could not be read or deleted
     */
    public record Outcome(int deleted, int outside, int failed) {
    }

    private TablePurge(FileIO io, WarehouseRoot root, TableMetadata metadata) {
        this.io = io;
        this.root = root;
        this.metadata = metadata;
        this.deleteData = PropertyUtil.propertyAsBoolean(metadata.properties(), TableProperties.GC_ENABLED,
                TableProperties.GC_ENABLED_DEFAULT);
    }

    /** Purges what {@code metadata} reaches through {@code io}, inside {@code root} only. */
    public static Outcome purge(FileIO io, WarehouseRoot root, TableMetadata metadata) {
        TablePurge purge = new TablePurge(io, root, metadata);
        purge.run();
        LOG.info("purged table {}: {} files deleted, {} outside the warehouse skipped, {} failed",
                metadata.uuid(), purge.deleted, purge.outside, purge.failed);
        return new Outcome(purge.deleted, purge.outside, purge.failed);
    }

    private void run() {
        for (Snapshot snapshot : metadata.snapshots()) {
            String manifestList = snapshot.manifestListLocation();
            if (inside(manifestList)) {
                manifestsOf(snapshot).forEach(this::purgeManifest);
                delete(manifestList);
            }
        }
        metadata.statisticsFiles().stream().map(StatisticsFile::path).forEach(this::deleteIfInside);
        metadata.partitionStatisticsFiles().stream().map(PartitionStatisticsFile::path).forEach(this::deleteIfInside);
        metadata.previousFiles().stream().map(TableMetadata.MetadataLogEntry::file).forEach(this::deleteIfInside);
        deleteIfInside(metadata.metadataFileLocation());
    }

    private List<ManifestFile> manifestsOf(Snapshot snapshot) {
        try {
            return snapshot.allManifests(io);
        } catch (RuntimeException e) {
            failed++;
            LOG.warn("purge of table {}: cannot read manifest list {}", metadata.uuid(), snapshot.manifestListLocation(), e);
            return List.of();
        }
    }

    private void purgeManifest(ManifestFile manifest) {
        if (!inside(manifest.path())) {
            return;
        }
        if (readManifests.contains(manifest.path())) {
            return;
        }
        if (readManifests.size() < MAX_REMEMBERED_MANIFESTS) {
            readManifests.add(manifest.path());
        }
        if (deleteData) {
            try (CloseableIterable<String> files = ManifestFiles.readPaths(manifest, io, metadata.specsById())) {
                files.forEach(this::deleteIfInside);
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.warn("purge of table {}: cannot read manifest {}", metadata.uuid(), manifest.path(), e);
                return; // kept, so that its files can still be found
            }
        }
        delete(manifest.path());
    }

    private void deleteIfInside(String location) {
        if (inside(location)) {
            delete(location);
        }
    }

    private void delete(String location) {
        try {
            io.deleteFile(location);
            deleted++;
        } catch (RuntimeException e) {
            failed++;
            LOG.warn("purge of table {}: cannot delete {}", metadata.uuid(), location, e);
        }
    }

    private boolean inside(String location) {
        if (location != null && root.contains(location)) {
            return true;
        }
        outside++;
        if (outside <= MAX_LOGGED_OUTSIDE) {
            LOG.warn("purge of table {}: skipped {}, which is outside the warehouse", metadata.uuid(), location);
        }
        return false;
    }
}
