package io.tollgate.catalog.rest;

import io.tollgate.common.security.RefusalBody;
import jakarta.inject.Singleton;

/** Refusals made by common's HTTP filters (e.g. two Authorization headers), in Iceberg's error form. */
@Singleton
public class IcebergRefusalBody implements RefusalBody {

    @Override
    public IcebergErrorResponse of(int status, String message) {
        return IcebergErrorResponse.of(status, message);
    }
}
