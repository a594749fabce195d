package io.tollgate.catalog.storage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which locations count as inside a warehouse: judged after normalisation, local ones only. */
class WarehouseRootTest {
    private final LocalRoot root = LocalRoot.of("file:///srv/warehouses/acme");

    @Test
    void locationsUnderTheRootAreInsideInEitherForm() {
        for (String inside : List.of("file:///srv/warehouses/acme", "file:///srv/warehouses/acme/sales/orders",
                "/srv/warehouses/acme/sales/orders/metadata/v1.metadata.json",
                "file:/srv/warehouses/acme/sales", "file:///srv/warehouses/acme/sales/./orders",
                "file:///srv/warehouses/acme/sales/../orders")) {
            assertTrue(root.contains(inside), inside);
        }
    }

    @Test
    void locationsThatLeaveTheRootAfterNormalisationAreOutside() {
        for (String outside : List.of("file:///srv/warehouses/acme2/t", "file:///srv/warehouses/globex/t",
                "file:///srv/warehouses/acme/../globex/t", "/srv/warehouses/acme/../../etc/passwd",
                "file:///srv/warehouses/acme/%2E%2E/globex/t", "file:///srv/warehouses", "/")) {
            assertFalse(root.contains(outside), outside);
        }
    }

    @Test
    void locationsTheCheckDoesNotUnderstandAreOutside() {
        for (String outside : Arrays.asList(null, "", "relative/acme/t", "srv/warehouses/acme/t",
                "s3://bucket/srv/warehouses/acme/t", "file://otherhost/srv/warehouses/acme/t",
                "file:///srv/warehouses/acme/t?x=1", "file:///srv/warehouses/acme/t#f", "hdfs:///srv/warehouses/acme/t")) {
            assertFalse(root.contains(outside), String.valueOf(outside));
        }
    }

    @Test
    void theRootIsWrittenIntoMetadataWithTheFileScheme() {
        assertEquals("file:///srv/warehouses/acme", WarehouseRoot.of("/srv/warehouses/acme/").location());
    }

    @Test
    void aConfinedLocationOutsideTheRootIsRefused() {
        assertThrows(LocationOutsideWarehouseException.class, () -> root.confine("file:///srv/warehouses/globex/t"));
        assertEquals(Path.of("/srv/warehouses/acme/t"), root.confine("file:///srv/warehouses/acme/x/../t"));
    }
}
