package io.tollgate.catalog.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local directory under which everything of one warehouse lies. A location counts only after
 * normalisation ({@code ..}, {@code .}, percent-encoding, repeated slashes), and only in the
 * {@code file:} scheme or as an absolute path: anything else (another scheme, a host, a relative
 * path) is outside, so that a request can never name a place the check did not understand.
 */
public final class LocalRoot implements WarehouseRoot {
    private final Path root;

    private LocalRoot(Path root) {
        this.root = root;
    }

    /**
     * The root named by a registry's warehouse location.
     *
     * @throws IllegalStateException when the location is not a local absolute one (the registry's
     *                               error, not the caller's)
     */
    static LocalRoot of(String location) {
        return new LocalRoot(pathOf(location).orElseThrow(() ->
                new IllegalStateException("the registry's warehouse location is not a local absolute one")));
    }

    /** The root as a location Iceberg writes into metadata: {@code file:} scheme, no trailing slash. */
    @Override
    public String location() {
        return "file://" + root;
    }

    /** Whether the location, normalised, is the root or lies under it. */
    @Override
    public boolean contains(String location) {
        return location != null && pathOf(location).map(path -> path.startsWith(root)).orElse(false);
    }

    /**
     * The local path of a location inside the root.
     *
     * @throws LocationOutsideWarehouseException when it is not inside
     */
    Path confine(String location) {
        Optional<Path> path = location == null ? Optional.empty() : pathOf(location);
        if (path.isEmpty() || !path.get().startsWith(root)) {
            throw new LocationOutsideWarehouseException(location);
        }
        return path.get();
    }

    private static Optional<Path> pathOf(String location) {
        try {
            Path path;
            if (location.startsWith("file:")) {
                URI uri = URI.create(location);
                if (uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    return Optional.empty();
                }
                path = Path.of(uri);
            } else if (location.startsWith("/")) {
                path = Path.of(location);
            } else {
                return Optional.empty();
            }
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (IllegalArgumentException e) { // incl. InvalidPathException and URI syntax errors
            return Optional.empty();
        }
    }
}
