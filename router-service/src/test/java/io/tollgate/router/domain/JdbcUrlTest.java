package io.tollgate.router.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcUrlTest {

    @Test
    void aHostPortAndDatabaseAreReadWithTheDefaultPortWhenNoneIsGiven() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.example/acme?sslmode=require");

        assertEquals("db.example", url.host());
        assertEquals(5432, url.port());
        assertEquals("acme", url.database());
        assertEquals("sslmode=require", url.query());
        assertFalse(url.isServiceReference());
    }

    @Test
    void aServiceReferenceNamesTheServiceItsNamespaceAndPort() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://service:pg-main.databases:6432/acme");

        assertTrue(url.isServiceReference());
        assertEquals("pg-main", url.serviceName());
        assertEquals("databases", url.serviceNamespace());
        assertEquals("jdbc:postgresql://10.0.0.1:6432/acme", url.withAddress("10.0.0.1", url.port()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://db/acme", "jdbc:postgresql://db", "jdbc:postgresql://db:99999/acme",
            "jdbc:postgresql://a,b/acme", "jdbc:postgresql://db/acme?user=x", "jdbc:postgresql://db/acme?PassWord=s3cret",
            "jdbc:postgresql://db/acme?sslpassword=s3cret", "jdbc:postgresql:///acme", "jdbc:postgresql://db/a;b"})
    void anythingElseIsRefusedWithoutEchoingTheUrl(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse(text));

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aStoredUrlIsShownWithItsPasswordParametersMasked() {
        assertEquals("jdbc:postgresql://db/acme?ssl=true&password=***",
                JdbcUrl.redact("jdbc:postgresql://db/acme?ssl=true&password=hunter2"));
        assertEquals("jdbc:postgresql://db/acme?sslpassword=***&x=1",
                JdbcUrl.redact("jdbc:postgresql://db/acme?sslpassword=hunter2&x=1"));
    }
}
