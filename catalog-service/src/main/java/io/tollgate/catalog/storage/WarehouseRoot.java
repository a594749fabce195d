package io.tollgate.catalog.storage;

/**
 * The place under which everything of one warehouse lies, and the test of whether a location is
 * inside it: a local directory ({@code file:} or an absolute path) or an S3 bucket and key prefix
 * ({@code s3://bucket/prefix}). Either kind judges a location only after normalising it, and counts
 * as outside anything it does not understand (another scheme, a host, a relative path), so that a
 * request can never name a place the check did not understand.
 */
public sealed interface WarehouseRoot permits LocalRoot, S3Root {

    /**
     * The root named by a registry's warehouse location: {@code s3://bucket[/prefix]} or a local one.
     *
     * @throws IllegalStateException when the location is neither (the registry's error, not the caller's)
     */
    static WarehouseRoot of(String location) {
        return location != null && location.startsWith(S3Location.SCHEME) ? S3Root.of(location) : LocalRoot.of(location);
    }

    /** The root as a location Iceberg writes into metadata, without a trailing slash. */
    String location();

    /** Whether the location, normalised, is the root or lies under it. */
    boolean contains(String location);
}
