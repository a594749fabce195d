package io.tollgate.rck;

import java.util.Arrays;
import java.util.Locale;

/**
 * The storage kind of the warehouse the kit runs against: one Failsafe execution per kind sets
 * {@code rck.storage}, so each kind gets its own run and its own reports.
 */
enum KitStorage {
    /** The warehouse is a local directory under the suite's state (catalog-service's local FileIO). */
    FILE,
    /**
     * An S3-compatible warehouse. Not wired yet: it needs the S3 server harness (a test-started
     * s3mock process) and the registry's per-warehouse storage settings, so that the suite can give
     * the kit's tenant an {@code s3://} warehouse. Then: a case here, and an {@code rck-s3} execution
     * in this module's pom.
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
