package io.tollgate.catalog.storage;

import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.util.LocationUtil;

import java.util.Locale;
import java.util.UUID;

/**
 * Writes a table's next metadata file without committing it, named and placed as Iceberg's own
 * table operations name and place theirs ({@code <metadata dir>/<version>-<uuid>.metadata.json},
 * the metadata directory being {@code write.metadata.path} or the table's {@code metadata/}), through
 * the table's own FileIO, which confines it to the warehouse. A file written for a commit that then
 * fails is never referenced by the catalog: an orphan, harmless, as Iceberg's own failed commits
 * leave them.
 */
public final class MetadataFiles {
    private MetadataFiles() {
    }

    /** Writes {@code updated}, the next metadata of the table {@code ops} currently has; returns its location. */
    public static String writeNext(TableOperations ops, TableMetadata updated) {
        int version = ops instanceof BaseMetastoreTableOperations metastore ? metastore.currentVersion() + 1 : 0;
        String codec = updated.property(TableProperties.METADATA_COMPRESSION,
                TableProperties.METADATA_COMPRESSION_DEFAULT);
        String fileName = String.format(Locale.ROOT, "%05d-%s%s", Math.max(version, 0), UUID.randomUUID(),
                TableMetadataParser.getFileExtension(codec));
        OutputFile file = ops.io().newOutputFile(directory(updated) + "/" + fileName);
        // Overwrite, as Iceberg does: the name is new (it holds a random UUID).
        TableMetadataParser.overwrite(updated, file);
        return file.location();
    }

    private static String directory(TableMetadata metadata) {
        String configured = metadata.properties().get(TableProperties.WRITE_METADATA_LOCATION);
        return configured != null
                ? LocationUtil.stripTrailingSlash(configured)
                : metadata.location() + "/metadata";
    }
}
