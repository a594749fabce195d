package io.tollgate.common.spark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one set of rules router-service stores templates by and connect-service fills them by. */
class EndpointTemplateTest {

    @Test
    void aTemplateWithUserAndTenantAsWholeLabelsIsFilledIntoAnEndpoint() throws Exception {
        String filled = EndpointTemplate.fill("{user}.{tenant}.spark.svc:15002", "acme", "Alice.B");

        assertEquals("alice-b-3f0ce335d8b51284.acme.spark.svc:15002", filled, "the folded name, then sha256(name@tenant)");
        assertTrue(SparkEndpoints.isEndpoint(filled));
        EndpointTemplate.check("spark.{tenant}.{user}.svc.cluster.local:1");
    }

    @Test
    void templatesThatCouldPutTwoAccountsOnOneBackendOrFillBadlyAreRefused() {
        String longHost = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(4) + ".svc";
        for (String template : List.of("spark-{tenant}-{user}.svc:15002", "{user}.spark.svc:15002",
                "{tenant}.spark.svc:15002", "spark-{user}.{tenant}.svc:1", "{user}.{tenant}.{user}.svc:1",
                "{user}.{tenant}.svc:{user}", "{user}.{tenant}.{namespace}.svc:1", "{user}.{tenant}.svc",
                "{user}.{tenant}.svc:0", "{user}.{tenant}.svc:65536", "sc://{user}.{tenant}.svc:1",
                "{user}.{tenant}.svc:1/path", "{user}.{tenant}.Spark.svc:1", "{user}.{tenant}..svc:1",
                "{user}.{tenant}.-svc:1", "{user:1", "{user}.{tenant}." + longHost + ":1",
                "{user}.{tenant}." + "a.".repeat(200) + "svc:1")) {
            assertThrows(InvalidEndpointTemplateException.class, () -> EndpointTemplate.check(template), template);
        }
    }

    @Test
    void aRefusalNeverQuotesTheTemplate() {
        InvalidEndpointTemplateException refused = assertThrows(InvalidEndpointTemplateException.class,
                () -> EndpointTemplate.check("spark-{tenant}-{user}.secret-host.svc:15002"));
        assertTrue(!refused.getMessage().contains("secret-host"), refused.getMessage());
    }

    @Test
    void theLongestAccountNameStillFillsAHostOfAtMost253Characters() throws Exception {
        String fixed = "s".repeat(63) + "." + "t".repeat(61); // 253 characters filled at the longest
        String template = "{user}.{tenant}." + fixed + ":1";
        EndpointTemplate.check(template);

        String filled = EndpointTemplate.fill(template, "t".repeat(63), "n".repeat(128));

        assertEquals(253 + ":1".length(), filled.length());
        assertTrue(SparkEndpoints.isEndpoint(filled), filled);
        assertThrows(InvalidEndpointTemplateException.class, () -> EndpointTemplate.check("{user}.{tenant}." + fixed
                + "x:1"), "one character more could not be filled for every account");
    }

    @Test
    void endpointsAreHostAndPortAndOnlyThisMachineIsLoopback() {
        for (String endpoint : List.of("spark-0.acme.svc:15002", "10.1.2.3:15002", "[fd00::7]:15002", "localhost:1")) {
            assertTrue(SparkEndpoints.isEndpoint(endpoint), endpoint);
        }
        for (String endpoint : List.of("sc://spark:15002", "spark", "spark:0", "spark:65536", "Spark:1", "spark:1/x",
                "u:p@spark:1", "", "a:b:1")) {
            assertTrue(!SparkEndpoints.isEndpoint(endpoint), endpoint);
        }
        for (String loopback : List.of("localhost:1", "127.0.0.1:1", "127.9.8.7:1", "[::1]:1")) {
            assertTrue(SparkEndpoints.isLoopback(loopback), loopback);
        }
        for (String remote : List.of("localhost.evil.example:1", "128.0.0.1:1", "[::2]:1", "spark:1", "localhost",
                "localhost:0")) {
            assertTrue(!SparkEndpoints.isLoopback(remote), remote);
        }
    }
}
