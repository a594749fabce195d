package io.tollgate.common.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolScopeTest {

    @Test
    void eachProtocolIsGrantedOnlyByItsOwnScopeExactly() {
        assertTrue(ProtocolScope.SQL.isGrantedIn(Set.of("catalog", "sql")));
        assertFalse(ProtocolScope.SQL.isGrantedIn(Set.of("catalog")));
        assertFalse(ProtocolScope.SQL.isGrantedIn(Set.of("SQL", "sql:read", "sqlx")));
        assertTrue(ProtocolScope.CATALOG.isGrantedIn(List.of("catalog")));
        assertFalse(ProtocolScope.CATALOG.isGrantedIn(List.of("sql")));
        assertFalse(ProtocolScope.CATALOG.isGrantedIn(null));
        assertTrue(ProtocolScope.SPARK.isGrantedIn(List.of("catalog", "spark", "sql")));
        assertFalse(ProtocolScope.SPARK.isGrantedIn(List.of("catalog", "sql", "Spark")));
        assertTrue(ProtocolScope.SPARK.isGrantedIn(List.of("spark")));
        assertFalse(ProtocolScope.SPARK.isGrantedIn(List.of("sql", "catalog")));
    }

    @Test
    void theRefusalNamesTheMissingScope() {
        assertEquals("token lacks scope 'sql'", ProtocolScope.SQL.refusal());
        assertEquals("token lacks scope 'catalog'", ProtocolScope.CATALOG.refusal());
        assertEquals("token lacks scope 'spark'", ProtocolScope.SPARK.refusal());
    }
}
