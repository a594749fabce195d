package io.tollgate.catalog.storage;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which S3 locations count as inside a warehouse: one spelling, same bucket, prefix at a slash, no traversal. */
class S3RootTest {
    private final WarehouseRoot root = WarehouseRoot.of("s3://lake/tenants/acme");

    @Test
    void locationsUnderThePrefixAreInside() {
        for (String inside : List.of("s3://lake/tenants/acme", "s3://lake/tenants/acme/",
                "s3://lake/tenants/acme/sales/orders/metadata/v1.metadata.json",
                "s3://lake/tenants/acme/sales/orders/data/region=eu%2Fwest/part-0.parquet".replace("%2F", "%20"))) {
            assertTrue(root.contains(inside), inside);
        }
    }

    @Test
    void anotherBucketASiblingPrefixOrTraversalIsOutside() {
        for (String outside : List.of("s3://lake/tenants/acme2/t", "s3://lake/tenants/globex/t", "s3://other/tenants/acme/t",
                "s3://lake/tenants", "s3://lake", "s3://lake/tenants/acme/../globex/t", "s3://lake/tenants/acme/./t",
                "s3://lake/tenants/acme//t", "s3://lake/tenants/acme/%2e%2e/globex/t", "s3://lake/tenants/acme/%2E/t",
                "s3://lake/tenants/acme/a%2F..%2F..%2Fglobex/t", "s3://lake/tenants/acme/a%5C..%5Cglobex",
                "s3://lake/tenants/acme/t%zz", "s3://lake/tenants/acme/t\\..\\x", "s3://lake/tenants/acme/t?x=1",
                "s3://lake/tenants/acme/t#f", "s3://lake/tenants/acme/t\n")) {
            assertFalse(root.contains(outside), outside);
        }
    }

    @Test
    void otherSpellingsOfTheSameObjectAreOutside() {
        for (String outside : Arrays.asList(null, "", "s3a://lake/tenants/acme/t", "s3n://lake/tenants/acme/t",
                "S3://lake/tenants/acme/t", "s3://LAKE/tenants/acme/t", "s3://user@lake/tenants/acme/t",
                "s3://lake:443/tenants/acme/t", "file:///lake/tenants/acme/t", "/lake/tenants/acme/t",
                "https://lake.s3.amazonaws.com/tenants/acme/t")) {
            assertFalse(root.contains(outside), String.valueOf(outside));
        }
    }

    @Test
    void aWholeBucketRootHoldsEveryPlainKeyOfItsBucketOnly() {
        WarehouseRoot bucket = WarehouseRoot.of("s3://lake");
        assertTrue(bucket.contains("s3://lake/anything/t"));
        assertFalse(bucket.contains("s3://lake2/anything/t"));
        assertFalse(bucket.contains("s3://lake/../lake2/t"));
    }

    @Test
    void theRootIsWrittenWithoutATrailingSlashAndARegistryMistakeIsNotTheCallers() {
        assertEquals("s3://lake/tenants/acme", WarehouseRoot.of("s3://lake/tenants/acme/").location());
        assertThrows(IllegalStateException.class, () -> WarehouseRoot.of("s3://lake/tenants/../acme"));
        assertThrows(IllegalStateException.class, () -> WarehouseRoot.of("s3a://lake/acme"));
    }
}
