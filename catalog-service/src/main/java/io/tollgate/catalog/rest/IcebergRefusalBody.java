package io.tollgate.catalog.rest;

import io.tollgate.common.security.RefusalBody;
import jakarta.inject.Singleton;

/** Refusals made by common's HTTP filters (e.g. two Authorization headers), in Iceberg's error form. */
@Singleton
public class IcebergRefusalBody implements RefusalBody {

    @Override
    public IcebergErrorResponse of(int status, String message) {
        String type = switch (status) {
            case 400 -> "BadRequestException";
            case 401 -> "NotAuthorizedException";
            case 403 -> "ForbiddenException";
            default -> "RESTException";
        };
        return IcebergErrorResponse.of(status, type, message);
    }
}
