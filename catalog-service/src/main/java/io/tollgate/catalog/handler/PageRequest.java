package io.tollgate.catalog.handler;

import org.apache.iceberg.exceptions.BadRequestException;

/**
 * A namespace listing's paging (tables and views page by name: {@link NamePage}), checked in our own words before Iceberg's handlers parse it (they would
 * answer a malformed or negative value with a JDK message, or fail inside). Every list is paged:
 * Iceberg's clients always send a page token and follow {@code next-page-token}, so a page is at
 * most {@link #MAX_SIZE} entries whatever the caller asks.
 *
 * @param token where the page starts: empty for the first page, else the offset a previous page gave
 * @param size  entries per page, {@link #DEFAULT_SIZE} unless asked
 */
record PageRequest(String token, String size) {
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    static final String NOT_OURS = "pageToken is not one this catalog gave";
    private static final int MAX_DIGITS = 9;

    /** The page asked for; {@code BadRequestException} for a size or token that is not one. */
    static PageRequest of(String token, String size) {
        int pageSize = size(size);
        if (token != null && !token.isEmpty()) {
            number(token, NOT_OURS);
        }
        return new PageRequest(token == null ? "" : token, Integer.toString(pageSize));
    }

    /** The entries per page asked for ({@link #DEFAULT_SIZE} when not asked); {@code BadRequestException} if none. */
    static int size(String size) {
        int pageSize = size == null ? DEFAULT_SIZE : number(size, "pageSize must be a whole number from 1 to " + MAX_SIZE);
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new BadRequestException("pageSize must be a whole number from 1 to %d", MAX_SIZE);
        }
        return pageSize;
    }

    // Digits only, and few enough that neither the number nor the page's end overflows an int.
    private static int number(String text, String refusal) {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequestException("%s", refusal);
        }
        return Integer.parseInt(text);
    }
}
