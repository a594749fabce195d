package io.tollgate.router.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.domain.S3Storage;
import io.tollgate.router.domain.Warehouse;

/** One element of the {@code warehouses} jsonb column (V5 describes its shape). */
@Serdeable
record WarehouseJson(String name, String location, @Nullable Storage storage) {

    @Serdeable
    record Storage(@Nullable S3 s3) {
    }

    @Serdeable
    record S3(@Nullable String endpoint, String region, boolean pathStyleAccess, String accessKeyId,
              String secretAccessKeyRef) {
        // A literal reference is the secret key itself.
        @Override
        public String toString() {
            return "S3[region=" + region + ", secretAccessKeyRef=" + PasswordRef.mask(secretAccessKeyRef) + "]";
        }
    }

    static WarehouseJson of(Warehouse warehouse) {
        S3Storage s3 = warehouse.storage();
        return new WarehouseJson(warehouse.name(), warehouse.location(), s3 == null ? null : new Storage(new S3(
                s3.endpoint(), s3.region(), s3.pathStyleAccess(), s3.accessKeyId(), s3.secretAccessKeyRef())));
    }

    Warehouse toDomain() {
        S3 s3 = storage == null ? null : storage.s3();
        // The JSON leaves an empty endpoint (AWS's) out.
        return new Warehouse(name, location, s3 == null ? null : new S3Storage(
                s3.endpoint() == null ? "" : s3.endpoint(), s3.region(),
                s3.pathStyleAccess(), s3.accessKeyId(), s3.secretAccessKeyRef()));
    }
}
