package io.tollgate.catalog.storage;

import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.StorageKeys;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.proto.router.v1.WarehouseStorage.Builder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A registry warehouse's storage settings as the catalog holds them. */
class WarehouseStorageTest {
    private static final String SECRET = "the-platforms-secret-key";

    @Test
    void anS3WarehouseCarriesItsSettingsAndKeys() {
        Builder storage = io.tollgate.proto.router.v1.WarehouseStorage.newBuilder().setS3(S3Storage.newBuilder()
                .setEndpoint("http://minio.example:9000").setRegion("eu-west-1").setPathStyleAccess(true)
                .setKeys(StorageKeys.newBuilder().setAccessKeyId("ACMEKEY").setSecretAccessKey(SECRET)));
        Warehouse warehouse = Warehouse.newBuilder().setName("acme-s3").setLocation("s3://lake/acme")
                .setStorage(storage).build();

        assertEquals(new WarehouseStorage("http://minio.example:9000", "eu-west-1", true, "ACMEKEY", SECRET),
                WarehouseStorage.of(warehouse));
    }

    @Test
    void aLocalWarehouseHasNoStorageSettings() {
        assertNull(WarehouseStorage.of(Warehouse.newBuilder().setName("acme-lake").setLocation("file:///srv/acme").build()));
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        String shown = new WarehouseStorage("", "us-east-1", false, "ACMEKEY", SECRET).toString();

        assertFalse(shown.contains(SECRET), shown);
        assertTrue(shown.contains("ACMEKEY"), shown);
    }
}
