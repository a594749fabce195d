package io.tollgate.auth.api.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tollgate.auth.service.admin.AdminConflictException;
import io.tollgate.auth.service.admin.AdminForbiddenException;
import io.tollgate.auth.service.admin.AdminInputException;
import io.tollgate.auth.service.admin.AdminNotFoundException;
import jakarta.inject.Singleton;

/**
 * The admin services' refusals as problem documents: 400 and 409 name the field, 403 says what
 * is beyond the caller, 404 only that it was not found. Messages are the services' own and never
 * carry a secret.
 */
final class AdminProblemHandlers {

    private AdminProblemHandlers() {
    }

    static HttpResponse<?> respond(ErrorResponseProcessor<?> processor, HttpRequest<?> request, HttpStatus status,
                                   Throwable cause, String field, String message) {
        ErrorContext context = ErrorContext.builder(request).cause(cause)
                .error(ProblemBodyProvider.error(field, message)).build();
        return processor.processResponse(context, HttpResponse.status(status));
    }

    @Singleton
    static class Input implements ExceptionHandler<AdminInputException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        Input(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AdminInputException e) {
            return respond(processor, request, HttpStatus.BAD_REQUEST, e, e.field(), e.getMessage());
        }
    }

    @Singleton
    static class NotFound implements ExceptionHandler<AdminNotFoundException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        NotFound(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AdminNotFoundException e) {
            return respond(processor, request, HttpStatus.NOT_FOUND, e, null, e.getMessage());
        }
    }

    @Singleton
    static class Forbidden implements ExceptionHandler<AdminForbiddenException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        Forbidden(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AdminForbiddenException e) {
            return respond(processor, request, HttpStatus.FORBIDDEN, e, e.field(), e.getMessage());
        }
    }

    @Singleton
    static class Conflict implements ExceptionHandler<AdminConflictException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        Conflict(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, AdminConflictException e) {
            return respond(processor, request, HttpStatus.CONFLICT, e, e.field(), e.getMessage());
        }
    }
}
