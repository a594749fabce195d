package io.tollgate.catalog.handler;

import io.tollgate.catalog.storage.TableRows;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.responses.ListTablesResponse;

import java.util.List;

/**
 * Lists a namespace's tables or views a page at a time ({@link NamePage}). A page that finds names
 * needs one query, since the namespace holding them exists; only an empty page asks whether the
 * namespace exists, so that a missing one is still {@code NoSuchNamespaceException}. Iceberg's own
 * handler asks that first on every page, then reads every name of the namespace to cut a page out.
 */
@Singleton
public class NamespaceContents {
    private final TableRows rows;

    NamespaceContents(TableRows rows) {
        this.rows = rows;
    }

    ListTablesResponse page(Warehouse warehouse, Namespace namespace, TableRows.Kind kind, String pageToken,
                            String pageSize) {
        NamePage page = NamePage.of(pageToken, pageSize);
        // One more than the page holds says whether another page follows.
        List<String> names = rows.namesAfter(warehouse.catalog().name(), namespace, kind, page.after(), page.size() + 1);
        if (names.isEmpty()) {
            NamespaceService.requireExists(warehouse.catalog(), namespace);
        }
        boolean more = names.size() > page.size();
        List<String> shown = more ? names.subList(0, page.size()) : names;
        ListTablesResponse.Builder response = ListTablesResponse.builder();
        shown.forEach(name -> response.add(TableIdentifier.of(namespace, name)));
        return response.nextPageToken(more ? NamePage.tokenAfter(shown.get(shown.size() - 1)) : null).build();
    }
}
