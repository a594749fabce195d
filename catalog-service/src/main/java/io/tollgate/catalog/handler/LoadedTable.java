package io.tollgate.catalog.handler;

import org.apache.iceberg.rest.responses.LoadTableResponse;

/**
 * A table as one caller loads it: the table and its ETag, or only the ETag when the caller already
 * holds that version ({@code If-None-Match}).
 *
 * @param response the table, or null when the caller's copy is current
 * @param etag     the ETag of this caller's answer
 */
public record LoadedTable(LoadTableResponse response, String etag) {

    public boolean notModified() {
        return response == null;
    }
}
