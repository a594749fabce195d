package io.tollgate.catalog.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.tollgate.catalog.handler.RoleRefusedException;
import io.tollgate.catalog.handler.WarehouseNotFoundException;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;

/**
 * The refusals clients meet in normal use and any caller can provoke at will (a table, namespace,
 * view or warehouse that is not there, a commit that lost its race, a name already taken, a role
 * short of the operation, a malformed request), answered as global error routes by
 * {@link CatalogErrorHandler}'s one table. Why routes as well as the handler: on every error,
 * Micronaut looks for an error route in its router first, and only then for an exception handler
 * among all the bean definitions, which a profile put at a quarter of a 404's CPU. Any other
 * exception still goes to the handler, and through it to the incident policy.
 */
@Controller
class CatalogErrorRoutes {
    private final CatalogErrorHandler errors;

    CatalogErrorRoutes(CatalogErrorHandler errors) {
        this.errors = errors;
    }

    @Error(global = true, exception = NoSuchTableException.class)
    HttpResponse<IcebergErrorResponse> noSuchTable(HttpRequest<?> request, NoSuchTableException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = NoSuchNamespaceException.class)
    HttpResponse<IcebergErrorResponse> noSuchNamespace(HttpRequest<?> request, NoSuchNamespaceException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = NoSuchViewException.class)
    HttpResponse<IcebergErrorResponse> noSuchView(HttpRequest<?> request, NoSuchViewException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = WarehouseNotFoundException.class)
    HttpResponse<IcebergErrorResponse> noSuchWarehouse(HttpRequest<?> request, WarehouseNotFoundException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = CommitFailedException.class)
    HttpResponse<IcebergErrorResponse> commitFailed(HttpRequest<?> request, CommitFailedException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = AlreadyExistsException.class)
    HttpResponse<IcebergErrorResponse> alreadyExists(HttpRequest<?> request, AlreadyExistsException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = RoleRefusedException.class)
    HttpResponse<IcebergErrorResponse> roleRefused(HttpRequest<?> request, RoleRefusedException e) {
        return errors.handle(request, e);
    }

    @Error(global = true, exception = BadRequestException.class)
    HttpResponse<IcebergErrorResponse> badRequest(HttpRequest<?> request, BadRequestException e) {
        return errors.handle(request, e);
    }
}
