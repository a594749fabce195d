package io.tollgate.catalog.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Tables' metadata as parsed from their metadata files, so that a load reads and parses a file once
 * rather than on every request, and not at all after the commit that wrote it ({@link #keep}). A metadata file is never changed once written (a commit writes a
 * new one and swaps the catalog's pointer), so an entry never goes stale while its file is there.
 *
 * An entry belongs to the catalog object that read it (one per warehouse and settings, see
 * {@link WarehouseCatalogs}): a tenant's entries are reachable only through its own warehouse's
 * catalog, and a catalog replaced or closed takes its entries with it ({@link #forget}). A table
 * dropped forgets its catalog's entries too, so a file later written again at a purged location is
 * read afresh. Bounded by entries and by the metadata files' bytes (the parsed form takes a few
 * times that in memory).
 */
@Singleton
public class TableMetadataCache {
    private record Key(JdbcCatalog catalog, String location) {
        // The catalog by identity: a replaced catalog of the same name is another owner.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.catalog == catalog && key.location.equals(location);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(catalog) * 31 + location.hashCode();
        }
    }

    private record Entry(TableMetadata metadata, long bytes) {
    }

    private final Cache<Key, Entry> entries;

    public TableMetadataCache(@Value("${tollgate.catalog.metadata-cache.max-entries:1000}") long maxEntries,
                              @Value("${tollgate.catalog.metadata-cache.max-bytes:33554432}") long maxBytes) {
        // Caffeine bounds one way per cache: by bytes, with no entry weighing less than maxBytes / maxEntries.
        long floor = Math.max(1, maxBytes / Math.max(1, maxEntries));
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, entry.bytes())))
                .build();
    }

    /**
     * The metadata in the file at {@code location}, read with {@code io} (the catalog's own,
     * confined FileIO) unless this catalog has read it before.
     */
    public TableMetadata read(JdbcCatalog catalog, FileIO io, String location) {
        Key key = new Key(catalog, location);
        Entry cached = entries.getIfPresent(key);
        if (cached != null) {
            return cached.metadata();
        }
        InputFile file = io.newInputFile(location);
        TableMetadata metadata = TableMetadataParser.read(file);
        entries.put(key, new Entry(metadata, file.getLength()));
        return metadata;
    }

    /**
     * Keeps metadata that a commit through {@code catalog} has just written (and read back, as
     * Iceberg's table operations do), so that the next load of that version skips the read and the
     * parse. It is weighed as a read entry is, by its file's size (a stat, a HEAD on S3: cheaper than
     * the read it saves). An entry kept already stays as it is.
     */
    public void keep(JdbcCatalog catalog, FileIO io, TableMetadata metadata) {
        String location = metadata.metadataFileLocation();
        entries.get(new Key(catalog, location), key -> new Entry(metadata, io.newInputFile(location).getLength()));
    }

    /** Every entry of the catalog goes: it was replaced or closed, or one of its tables was dropped. */
    public void forget(JdbcCatalog catalog) {
        entries.asMap().keySet().removeIf(key -> key.catalog() == catalog);
    }

    /** How many entries are kept (for tests and diagnostics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
