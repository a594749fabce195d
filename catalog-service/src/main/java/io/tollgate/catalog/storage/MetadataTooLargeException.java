package io.tollgate.catalog.storage;

import org.apache.iceberg.exceptions.BadRequestException;

/**
 * A file the catalog writes (a table's next metadata) would exceed
 * {@code tollgate.catalog.max-metadata-bytes}: the caller's change is refused (400), nothing is
 * committed and the partial file is removed.
 */
public class MetadataTooLargeException extends BadRequestException {

    public MetadataTooLargeException(long maxBytes) {
        super("A table's metadata may be at most %d bytes (tollgate.catalog.max-metadata-bytes): this change "
                + "would make it larger", maxBytes);
    }
}
