package io.tollgate.catalog.handler;

import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * A table as one caller loads it: the table and its ETag, or only the ETag when the caller already
 * holds that version ({@code If-None-Match}).
 *
 * @param response the table, or null when the caller's copy is current
 * @param etag     the ETag of this caller's answer
 * @param kept     whether the response's metadata is the one kept in memory for its metadata file
 *                 (the same object on every load of that version), so that what is derived from it
 *                 alone may be kept as long as it is
 */
public record LoadedTable(LoadTableResponse response, String etag, boolean kept) {

    public boolean notModified() {
        return response == null;
    }
}
