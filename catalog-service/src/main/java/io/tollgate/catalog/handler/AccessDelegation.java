package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.WarehouseStorage;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.ResourcePaths;
import org.apache.iceberg.rest.responses.LoadTableResponse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a client reaches a table's files without the platform's storage keys: Iceberg's remote
 * signing. When the client asked for it ({@code X-Iceberg-Access-Delegation: remote-signing}) and
 * the warehouse is an S3 one, a table's load or create answer carries in its {@code config} what a
 * client's S3FileIO needs to have every request signed by this catalog (the table's sign endpoint)
 * and to reach the storage (endpoint, region, addressing); never a key. Otherwise the answer is
 * left as it is: a local warehouse's files are the catalog's alone, and vended credentials are not
 * served.
 */
public final class AccessDelegation {
    /** The header in which a client lists the delegation modes it accepts. */
    public static final String HEADER = "X-Iceberg-Access-Delegation";
    static final String REMOTE_SIGNING = "remote-signing";
    /** Where clients before Iceberg 1.12 (and PyIceberg) look for the sign endpoint. */
    static final String LEGACY_SIGNER_ENDPOINT = "s3.signer.endpoint";

    private final boolean remoteSigning;

    private AccessDelegation(boolean remoteSigning) {
        this.remoteSigning = remoteSigning;
    }

    /** None asked for. */
    public static final AccessDelegation NONE = new AccessDelegation(false);

    /** The modes a client's header asks for (a comma-separated list; unknown modes are ignored). */
    public static AccessDelegation requested(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        // A list, possibly with repeats: only whether it names remote signing counts.
        boolean remoteSigning = Arrays.asList(header.toLowerCase(Locale.ROOT).replace(" ", "").split(","))
                .contains(REMOTE_SIGNING);
        return remoteSigning ? new AccessDelegation(true) : NONE;
    }

    /** What this delegation adds to an answer, as a key of the answer's ETag. */
    String key() {
        return remoteSigning ? REMOTE_SIGNING : "none";
    }

    /** Whether the client asked for remote signing and the warehouse signs requests (it is an S3 one). */
    boolean signsFor(Warehouse warehouse) {
        return remoteSigning && warehouse.storage() != null;
    }

    /** The answer, with the signing settings added when they were asked for and the warehouse is S3. */
    LoadTableResponse apply(Warehouse warehouse, TableIdentifier table, LoadTableResponse response) {
        WarehouseStorage storage = warehouse.storage();
        if (!signsFor(warehouse)) {
            return response;
        }
        String endpoint = ResourcePaths.forCatalogProperties(Map.of("prefix", warehouse.name())).remoteSign(table);
        Map<String, String> config = new HashMap<>(response.config());
        config.putAll(storage.clientProperties());
        config.put(S3FileIOProperties.REMOTE_SIGNING_ENABLED, "true");
        config.put(RESTCatalogProperties.REMOTE_SIGNING_ENDPOINT, endpoint);
        config.put(LEGACY_SIGNER_ENDPOINT, endpoint);
        return LoadTableResponse.builder()
                .withTableMetadata(response.tableMetadata())
                .addAllConfig(config)
                .addAllCredentials(response.credentials())
                .build();
    }
}
