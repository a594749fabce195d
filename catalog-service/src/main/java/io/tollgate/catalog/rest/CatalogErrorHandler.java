package io.tollgate.catalog.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.catalog.audit.AuditAccessRefusedException;
import io.tollgate.catalog.handler.RoleRefusedException;
import io.tollgate.catalog.handler.WarehouseNotFoundException;
import io.tollgate.catalog.storage.LocationOutsideWarehouseException;
import io.tollgate.catalog.storage.SigningRefusedException;
import jakarta.inject.Singleton;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ValidationException;

import java.util.List;

/**
 * The one table from the catalog's typed errors (Iceberg's and ours) to Iceberg's error form, in
 * the status and type Iceberg's clients turn back into the same exception. Their messages are the
 * catalog's own words about the request (which namespace does not exist, which requirement
 * failed). Any other exception is unexpected: the incident policy's 500, no message of its own.
 */
@Produces
@Singleton
class CatalogErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<IcebergErrorResponse>> {
    private final UnexpectedErrorHandler unexpected;

    CatalogErrorHandler(UnexpectedErrorHandler unexpected) {
        this.unexpected = unexpected;
    }

    private record Mapping(Class<? extends RuntimeException> type, int status, String wireType) {
    }

    // Most specific first: NoSuchTableException before NotFoundException's siblings, etc.
    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping(NoSuchTableException.class, 404, "NoSuchTableException"),
            new Mapping(NoSuchNamespaceException.class, 404, "NoSuchNamespaceException"),
            new Mapping(NoSuchViewException.class, 404, "NoSuchViewException"),
            new Mapping(NotFoundException.class, 404, "NotFoundException"),
            new Mapping(WarehouseNotFoundException.class, 404, "NotFoundException"),
            new Mapping(AlreadyExistsException.class, 409, "AlreadyExistsException"),
            new Mapping(CommitFailedException.class, 409, "CommitFailedException"),
            new Mapping(NamespaceNotEmptyException.class, 409, "NamespaceNotEmptyException"),
            new Mapping(RoleRefusedException.class, 403, "ForbiddenException"),
            new Mapping(AuditAccessRefusedException.class, 403, "ForbiddenException"),
            new Mapping(LocationOutsideWarehouseException.class, 403, "ForbiddenException"),
            new Mapping(SigningRefusedException.class, 403, "ForbiddenException"),
            new Mapping(ForbiddenException.class, 403, "ForbiddenException"),
            new Mapping(BadRequestException.class, 400, "BadRequestException"),
            new Mapping(ValidationException.class, 400, "ValidationException"),
            new Mapping(IllegalArgumentException.class, 400, "IllegalArgumentException"),
            new Mapping(UnsupportedOperationException.class, 406, "UnsupportedOperationException"));

    @Override
    public HttpResponse<IcebergErrorResponse> handle(HttpRequest request, RuntimeException exception) {
        for (Mapping mapping : MAPPINGS) {
            if (mapping.type().isInstance(exception)) {
                return HttpResponse.<IcebergErrorResponse>status(HttpStatus.valueOf(mapping.status()))
                        .body(IcebergErrorResponse.of(mapping.status(), mapping.wireType(), exception.getMessage()));
            }
        }
        return unexpected.handle(request, exception);
    }
}
