package io.tollgate.rck;

import java.util.Set;

/**
 * The kit's tests that cannot pass on the s3 run, with why: each needs local files (the kit's own
 * design), none meets a gap of catalog-service. {@link NotOnS3Condition} skips them on that run with
 * the reason (a visible skip, counted in the run's report), and only them: every other test must
 * pass on every storage kind.
 */
enum NotOnS3 {
    /**
     * Iceberg's CatalogTests asks for these tables' locations under its fixed {@code file:/tmp}
     * (BASE_TABLE_LOCATION): outside an {@code s3://} warehouse's root, so refused (403), as any
     * location outside a root is.
     */
    TABLE_LOCATION_UNDER_TMP("asks for a table location under file:/tmp (CatalogTests' fixed BASE_TABLE_LOCATION),"
            + " outside the s3:// warehouse", "RESTCompatibilityKitCatalogTests",
            Set.of("testCompleteCreateOrReplaceTransactionCreate", "testCompleteCreateOrReplaceTransactionReplace",
                    "testCompleteCreateTable", "testCompleteCreateTransaction",
                    "testCompleteCreateTransactionMultipleSchemas", "testCompleteCreateTransactionV2",
                    "testCompleteReplaceTransaction", "testCreateTableWithDefaultColumnValue", "testLoadTable")),
    /** ViewCatalogTests asks for these views' locations in a JUnit temporary directory (a local path). */
    VIEW_LOCATION_IN_TEMP_DIR("asks for a view location in a JUnit temporary directory (ViewCatalogTests'"
            + " viewLocation), outside the s3:// warehouse", "RESTCompatibilityKitViewCatalogTests",
            Set.of("completeCreateView", "createAndReplaceViewWithLocation", "createViewWithCustomMetadataLocation",
                    "updateViewLocation")),
    /** The test moves the table's current metadata file aside with java.nio, which reaches only local files. */
    MOVES_LOCAL_METADATA_FILE("moves the table's metadata file on the local filesystem (java.nio)",
            "RESTCompatibilityKitCatalogTests", Set.of("testLoadTableWithMissingMetadataFile"));

    private final String reason;
    private final String testClass;
    private final Set<String> testMethods;

    NotOnS3(String reason, String testClass, Set<String> testMethods) {
        this.reason = reason;
        this.testClass = testClass;
        this.testMethods = testMethods;
    }

    String reason() {
        return reason;
    }

    /** Whether this is the kit test named (its class's simple name, its method's name). */
    boolean is(String testClass, String testMethod) {
        return this.testClass.equals(testClass) && testMethods.contains(testMethod);
    }
}
