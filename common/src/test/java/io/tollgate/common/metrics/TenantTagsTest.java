package io.tollgate.common.metrics;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TenantTagsTest {

    @Test
    void theFirstTenantsKeepTheirOwnTagAndEveryLaterOneIsOther() {
        TenantTags tags = new TenantTags(2);
        assertEquals("acme", tags.of("acme"));
        assertEquals("globex", tags.of("globex"));
        assertEquals(TenantTags.OTHER, tags.of("initech"));
        // A tenant keeps the tag it first got, however much later tenants are counted.
        assertEquals("acme", tags.of("acme"));
        assertEquals(TenantTags.OTHER, tags.of("initech"));
    }

    @Test
    void manyTenantsNeverMakeMoreThanTheLimitPlusOtherValues() {
        TenantTags tags = new TenantTags(50);
        Set<String> values = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 5_000).parallel().forEach(i -> values.add(tags.of("tenant-" + i)));
        assertEquals(51, values.size());
        assertEquals(true, values.contains(TenantTags.OTHER));
    }

    @Test
    void whatIsNoTenantIdIsNoneAndTakesNoPlace() {
        TenantTags tags = new TenantTags(1);
        assertEquals(TenantTags.NONE, tags.of(null));
        assertEquals(TenantTags.NONE, tags.of("Robert'); DROP TABLE"));
        assertEquals(TenantTags.NONE, tags.of("alice@acme"));
        assertEquals("acme", tags.of("acme"));
    }

    @Test
    void theOtherAndNoneTagsCanNeverBeATenantId() {
        Set<String> reserved = new HashSet<>(Set.of(TenantTags.OTHER, TenantTags.NONE));
        TenantTags tags = new TenantTags(10);
        for (String value : reserved) {
            assertEquals(TenantTags.NONE, tags.of(value));
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TenantTags(-1));
    }
}
