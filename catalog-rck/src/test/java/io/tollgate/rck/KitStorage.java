package io.tollgate.rck;

import java.util.Arrays;
import java.util.Locale;

/**
 * The storage kind of the warehouse the kit runs against: one Failsafe execution per kind sets
 * {@code rck.storage}, so each kind gets its own run and its own reports.
 */
enum KitStorage {
    /** The warehouse is a local directory ({@code file:///tmp}, catalog-service's local FileIO). */
    FILE,
    /**
     * An {@code s3://} warehouse on a test-started S3Mock (testkit's S3MockServer), served by
     * catalog-service's S3FileIO; the kit's client uses S3FileIO with remote signing.
     */
    S3;

    static final String PROPERTY = "rck.storage";

    /** The kind this run was started for; a run that names none is not a kit run. */
    static KitStorage ofThisRun() {
        String name = System.getProperty(PROPERTY);
        if (name == null) {
            throw new IllegalStateException("no " + PROPERTY + " set: the kit runs only from this module's"
                    + " Failsafe executions");
        }
        return Arrays.stream(values()).filter(kind -> kind.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(PROPERTY + "=" + name + " is not one of "
                        + Arrays.toString(values())));
    }

    /** Whether this JVM was started to run the kit (Failsafe), rather than for unit tests. */
    static boolean isKitRun() {
        return System.getProperty(PROPERTY) != null;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
