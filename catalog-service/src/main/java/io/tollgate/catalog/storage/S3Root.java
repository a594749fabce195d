package io.tollgate.catalog.storage;

/**
 * An S3 bucket and key prefix under which everything of one warehouse lies. A location is inside
 * only as an {@link S3Location} (one spelling, no traversal) in the same bucket whose key is the
 * prefix or continues it after a {@code /}: {@code s3://lake/acme2} is not under {@code s3://lake/acme}.
 */
public final class S3Root implements WarehouseRoot {
    private final S3Location root;

    private S3Root(S3Location root) {
        this.root = root;
    }

    /**
     * The root named by a registry's warehouse location.
     *
     * @throws IllegalStateException when the location is not an S3 location this check understands
     */
    static S3Root of(String location) {
        return new S3Root(S3Location.parse(location).orElseThrow(() ->
                new IllegalStateException("the registry's warehouse location is not an s3://bucket/prefix one")));
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean contains(String location) {
        return S3Location.parse(location).map(parsed -> parsed.within(root)).orElse(false);
    }
}
