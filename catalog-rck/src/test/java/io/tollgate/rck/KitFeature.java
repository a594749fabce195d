package io.tollgate.rck;

import java.util.Set;

/**
 * The features of the REST spec whose kit tests can only pass where catalog-service serves them,
 * with those tests. While the catalog does not serve one ({@link KitFeatureProbe} asks the running
 * catalog, as a client would), {@link NotServedCondition} skips its tests with the reason, so the
 * run's skipped count says what is not served and the rest must pass; once it is served, its tests
 * run like every other.
 */
enum KitFeature {
    /** The view endpoints: the whole of the kit's view class. */
    VIEWS("views (no view endpoint in GET /v1/config)", Set.of("RESTCompatibilityKitViewCatalogTests"), Set.of()),
    /** {@code POST .../register}. */
    REGISTER_TABLE("registering tables (no register endpoint in GET /v1/config)", Set.of(),
            Set.of("testRegisterTable", "testRegisterExistingTable")),
    /** {@code stage-create} on the create endpoint: every create and replace transaction. */
    STAGED_CREATE("staged table creation (refused as not supported)", Set.of(),
            Set.of("createTableTransaction", "replaceTableTransaction", "testCatalogWithCustomMetricsReporter",
                    "testCompleteCreateOrReplaceTransactionCreate", "testCompleteCreateTransaction",
                    "testCompleteCreateTransactionMultipleSchemas", "testCompleteCreateTransactionV2",
                    "testConcurrentCreateTransaction", "testConcurrentReplaceTransactionPartitionSpec",
                    "testConcurrentReplaceTransactionPartitionSpec2",
                    "testConcurrentReplaceTransactionPartitionSpecConflict", "testConcurrentReplaceTransactionSchema",
                    "testConcurrentReplaceTransactionSchema2", "testConcurrentReplaceTransactionSchemaConflict",
                    "testConcurrentReplaceTransactionSortOrder", "testConcurrentReplaceTransactionSortOrderConflict",
                    "testConcurrentReplaceTransactions", "testCreateOrReplaceTransactionConcurrentCreate",
                    "testCreateOrReplaceTransactionCreate", "testCreateTransaction",
                    "testDefaultTablePropertiesCreateTransaction", "testOverrideTablePropertiesCreateTransaction")),
    /** {@code purgeRequested=true} on the drop endpoint. */
    PURGE("dropping tables with purge (refused as not supported)", Set.of(),
            Set.of("testDropTableWithPurge", "dropAfterRenameDoesntCorruptTable"));

    /** The system property that carries the features found not served, from the launcher to the condition. */
    static final String NOT_SERVED_PROPERTY = "rck.not-served";

    private final String description;
    private final Set<String> testClasses;
    private final Set<String> testMethods;

    KitFeature(String description, Set<String> testClasses, Set<String> testMethods) {
        this.description = description;
        this.testClasses = testClasses;
        this.testMethods = testMethods;
    }

    String description() {
        return description;
    }

    /** Whether a kit test (its class's simple name; its method's name, or null for the class) needs this feature. */
    boolean neededBy(String testClass, String testMethod) {
        return testClasses.contains(testClass) || testMethod != null && testMethods.contains(testMethod);
    }
}
