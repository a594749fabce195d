package io.tollgate.catalog.handler;

import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;

import java.util.Map;

/**
 * The sizes the catalog's PostgreSQL columns hold (Flyway's V1 schema of Iceberg's JDBC catalog),
 * checked before anything is written: past them the database refuses the row after the metadata file
 * is written, which would be an incident (500) and an orphan file for a caller's mistake or attack.
 */
final class CatalogLimits {
    /** {@code table_namespace}, {@code table_name}, {@code namespace} and {@code property_key}. */
    static final int MAX_NAME = 255;
    /** {@code property_value} of a namespace. */
    static final int MAX_PROPERTY_VALUE = 1000;
    /**
     * A table's location or metadata directory: its metadata files' locations, one longer by
     * {@code /metadata/<version>-<uuid>.metadata.json}, must fit {@code metadata_location} (1000).
     */
    static final int MAX_LOCATION = 900;

    private CatalogLimits() {
    }

    static void namespace(Namespace namespace) {
        // Iceberg's JDBC catalog stores a namespace as its levels joined by dots.
        if (String.join(".", namespace.levels()).length() > MAX_NAME) {
            throw new BadRequestException("A namespace may be at most %d characters, its levels joined by dots",
                    MAX_NAME);
        }
    }

    static void table(TableIdentifier table) {
        namespace(table.namespace());
        if (table.name().length() > MAX_NAME) {
            throw new BadRequestException("A table name may be at most %d characters", MAX_NAME);
        }
    }

    static void namespaceProperties(Map<String, String> properties) {
        if (properties == null) {
            return;
        }
        properties.forEach((key, value) -> {
            if (key.length() > MAX_NAME || (value != null && value.length() > MAX_PROPERTY_VALUE)) {
                throw new BadRequestException("A namespace property's key may be at most %d characters and its "
                        + "value at most %d", MAX_NAME, MAX_PROPERTY_VALUE);
            }
        });
    }

    /**
     * Metadata files are written uncompressed: their size is what {@code tollgate.catalog.max-metadata-bytes}
     * bounds, and a compressed file would hide any amount of JSON to parse behind a small one.
     */
    static void metadataCompression(Map<String, String> properties) {
        String codec = properties.get(TableProperties.METADATA_COMPRESSION);
        if (codec != null && !codec.equalsIgnoreCase(TableProperties.METADATA_COMPRESSION_DEFAULT)) {
            throw new BadRequestException("%s may only be %s in this catalog", TableProperties.METADATA_COMPRESSION,
                    TableProperties.METADATA_COMPRESSION_DEFAULT);
        }
    }

    static void location(String location) {
        if (location != null && location.length() > MAX_LOCATION) {
            throw new BadRequestException("A location may be at most %d characters", MAX_LOCATION);
        }
    }
}
