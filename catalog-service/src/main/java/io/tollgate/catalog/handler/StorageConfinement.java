package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.LocationOutsideWarehouseException;
import io.tollgate.catalog.storage.WarehouseRoot;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.view.ViewMetadata;

import java.util.List;
import java.util.Map;

/**
 * Every location a request names must lie under its warehouse's root, checked before the catalog
 * writes anything: a table's or namespace's {@code location}, the table properties that move where
 * data or metadata are written, the locations inside a commit's metadata updates (tables' and
 * views' alike) and those inside a registered table's or view's metadata. (The
 * warehouse's FileIO refuses anything outside as well; this check answers the client clearly
 * first, and covers places only clients write to, such as data files.)
 */
final class StorageConfinement {
    /** Properties that choose where a table's files go. */
    static final List<String> LOCATION_PROPERTIES = List.of("location", TableProperties.WRITE_DATA_LOCATION,
            TableProperties.WRITE_METADATA_LOCATION, TableProperties.OBJECT_STORE_PATH,
            TableProperties.WRITE_FOLDER_STORAGE_LOCATION);

    private StorageConfinement() {
    }

    static void location(WarehouseRoot root, String location) {
        CatalogLimits.location(location);
        if (location != null && !root.contains(location)) {
            throw new LocationOutsideWarehouseException(location);
        }
    }

    static void properties(WarehouseRoot root, Map<String, String> properties) {
        if (properties == null) {
            return;
        }
        CatalogLimits.metadataCompression(properties);
        for (String key : LOCATION_PROPERTIES) {
            location(root, properties.get(key));
        }
    }

    static void updates(WarehouseRoot root, List<MetadataUpdate> updates) {
        for (MetadataUpdate update : updates) {
            if (update instanceof MetadataUpdate.SetLocation setLocation) {
                // A table's location cannot be null; one that is, is no place under the root either.
                if (setLocation.location() == null) {
                    throw new LocationOutsideWarehouseException(null);
                }
                location(root, setLocation.location());
            } else if (update instanceof MetadataUpdate.SetProperties setProperties) {
                properties(root, setProperties.updated());
            } else if (update instanceof MetadataUpdate.AddSnapshot addSnapshot) {
                // A snapshot without a manifest list embeds its manifests' locations (format v1's
                // old form), which no accessor shows: refused, as locations we cannot check.
                String manifestList = addSnapshot.snapshot().manifestListLocation();
                if (manifestList == null) {
                    throw new BadRequestException("A snapshot must name its manifest list: embedded manifests "
                            + "are not accepted");
                }
                location(root, manifestList);
            } else if (update instanceof MetadataUpdate.SetStatistics setStatistics) {
                location(root, setStatistics.statisticsFile().path());
            } else if (update instanceof MetadataUpdate.SetPartitionStatistics setPartitionStatistics) {
                location(root, setPartitionStatistics.partitionStatisticsFile().path());
            }
        }
    }

    /** Every location a view's metadata names: its metadata file, its location and its location properties. */
    static void metadata(WarehouseRoot root, ViewMetadata metadata) {
        location(root, metadata.metadataFileLocation());
        if (metadata.location() == null) {
            throw new LocationOutsideWarehouseException(null);
        }
        location(root, metadata.location());
        properties(root, metadata.properties());
    }

    /**
     * Every location a table's metadata names, as a metadata file brought from elsewhere
     * (register) would have it: the table's location, its location properties, each snapshot's
     * manifest list, its statistics files and the earlier metadata files it lists.
     */
    static void metadata(WarehouseRoot root, TableMetadata metadata) {
        location(root, metadata.metadataFileLocation());
        if (metadata.location() == null) {
            throw new LocationOutsideWarehouseException(null);
        }
        location(root, metadata.location());
        properties(root, metadata.properties());
        for (Snapshot snapshot : metadata.snapshots()) {
            if (snapshot.manifestListLocation() == null) {
                throw new LocationOutsideWarehouseException(null);
            }
            location(root, snapshot.manifestListLocation());
        }
        for (StatisticsFile statistics : metadata.statisticsFiles()) {
            location(root, statistics.path());
        }
        for (PartitionStatisticsFile statistics : metadata.partitionStatisticsFiles()) {
            location(root, statistics.path());
        }
        for (TableMetadata.MetadataLogEntry earlier : metadata.previousFiles()) {
            location(root, earlier.file());
        }
    }
}
