package io.tollgate.catalog.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.tollgate.catalog.handler.LoadedTable;
import jakarta.inject.Singleton;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * A loaded table's answer as JSON, written once per version of the table rather than once per load.
 * Only an answer that is its metadata alone qualifies: the metadata object kept in memory for its
 * metadata file (so the same object on every load of that version; see
 * {@code TableMetadataCache}), with no config, credentials, remote signing or labels of the
 * caller's. Its JSON is then a function of that object, and is kept only as long as the object is
 * (weak keys, by identity), within {@code tollgate.catalog.metadata-cache.max-bytes} of JSON.
 */
@Singleton
class LoadTableBodies {
    private final IcebergJson json;
    private final Cache<TableMetadata, byte[]> bodies;

    LoadTableBodies(IcebergJson json, @Value("${tollgate.catalog.metadata-cache.max-bytes:33554432}") long maxBytes) {
        this.json = json;
        this.bodies = Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes)
                .weigher((TableMetadata metadata, byte[] body) -> body.length).build();
    }

    /** The JSON of a loaded table's response (which must not be a "not modified"). */
    byte[] of(LoadedTable loaded) {
        LoadTableResponse response = loaded.response();
        if (!loaded.kept() || !metadataAlone(response)) {
            return json.writeBytes(response);
        }
        return bodies.get(response.tableMetadata(), metadata -> json.writeBytes(response));
    }

    private static boolean metadataAlone(LoadTableResponse response) {
        return response.config().isEmpty() && response.credentials().isEmpty()
                && (response.remoteSigningConfig() == null || response.remoteSigningConfig().isEmpty())
                && response.labels().isEmpty()
                && response.tableMetadata().metadataFileLocation().equals(response.metadataLocation());
    }
}
