package io.tollgate.auth.domain;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the page's items
 * @param total how many there are across all pages
 */
public record Listing<T>(List<T> items, long total) {

    public Listing {
        items = List.copyOf(items);
    }
}
