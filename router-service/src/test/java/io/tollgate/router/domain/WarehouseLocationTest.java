package io.tollgate.router.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one form a warehouse root is kept in, and what cannot be brought to it. */
class WarehouseLocationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "file:///srv/warehouses/acme, file:///srv/warehouses/acme",
            "file:/srv/warehouses/acme/, file:///srv/warehouses/acme",
            "file:///srv//warehouses///acme, file:///srv/warehouses/acme",
            "s3://lake/acme/, s3://lake/acme",
            "s3://lake, s3://lake",
            "s3://lake.example-1//acme//tables, s3://lake.example-1/acme/tables",
            "'file:///srv/a.b/c_d/e~f+g=h@i,j-k', 'file:///srv/a.b/c_d/e~f+g=h@i,j-k'"})
    void aLocationIsKeptInItsNormalForm(String given, String kept) {
        assertEquals(Optional.of(kept), WarehouseLocation.normalise(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///srv/acme/../globex", "file:///srv/./acme", "s3://lake/acme/../globex", "file:///", "file:",
            "file://fileserver/srv/acme", "file:srv/acme", "/srv/acme", "srv/acme", "s3://lake/acme?x=1",
            "file:///srv/acme#frag", "file:///srv/%2e%2e/globex", "file:///srv/a%20b", "file:///srv/a b",
            "file:///srv\\acme", "s3://Lake/acme", "s3://la/acme", "s3://lake..x/acme", "s3://-lake/acme", "s3:///acme",
            "s3://user@lake/acme", "S3://lake/acme", "gs://lake/acme", "hdfs://nn/srv/acme", "http://lake/acme", ""})
    void aLocationThatCouldBeReadTwoWaysIsRefused(String given) {
        assertEquals(Optional.empty(), WarehouseLocation.normalise(given));
    }

    @org.junit.jupiter.api.Test
    void aLocationLongerThanTheLimitIsRefused() {
        String deep = "file:///" + "a/".repeat(WarehouseLocation.MAX_LENGTH / 2);
        assertEquals(Optional.empty(), WarehouseLocation.normalise(deep));
    }
}
