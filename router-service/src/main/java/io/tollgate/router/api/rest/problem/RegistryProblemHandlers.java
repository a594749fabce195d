package io.tollgate.router.api.rest.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.InvalidPageRequestException;
import io.tollgate.router.service.InvalidTenantException;
import io.tollgate.router.service.RevisionMismatchException;
import io.tollgate.router.service.TenantAlreadyExistsException;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantStateConflictException;
import io.tollgate.router.service.backend.ProvisioningRefusedException;
import io.tollgate.router.service.backend.ProvisioningUnavailableException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The registry's exceptions as HTTP problems. Messages are the services' own, written to be
 * shown: none carries a secret. A 5xx shows none of them ({@link ProblemResponses}).
 */
final class RegistryProblemHandlers {
    private RegistryProblemHandlers() {
    }

    /** A handler that answers one status with the exception's message. */
    abstract static class Simple<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {
        private final ProblemResponses problems;
        private final HttpStatus status;

        Simple(ProblemResponses problems, HttpStatus status) {
            this.problems = problems;
            this.status = status;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, E exception) {
            return problems.respond(request, status, exception, exception.getMessage());
        }
    }

    @Singleton
    static class InvalidTenant implements ExceptionHandler<InvalidTenantException, HttpResponse<?>> {
        private final ProblemResponses problems;

        InvalidTenant(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidTenantException exception) {
            return problems.respond(request, HttpStatus.BAD_REQUEST, exception, exception.errors().stream()
                    .map(e -> ProblemBodyProvider.error(e.field(), e.message())).toList());
        }
    }

    @Singleton
    static class BadHeader implements ExceptionHandler<BadHeaderException, HttpResponse<?>> {
        private final ProblemResponses problems;

        BadHeader(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, BadHeaderException exception) {
            return problems.respond(request, HttpStatus.BAD_REQUEST, exception,
                    List.of(ProblemBodyProvider.error(exception.header(), exception.getMessage())));
        }
    }

    @Singleton
    static class RevisionMismatch implements ExceptionHandler<RevisionMismatchException, HttpResponse<?>> {
        private final ProblemResponses problems;

        RevisionMismatch(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RevisionMismatchException exception) {
            return problems.respond(request, HttpStatus.PRECONDITION_FAILED, exception, exception.getMessage())
                    .header(HttpHeaders.ETAG, "\"" + exception.currentRevision() + "\"");
        }
    }

    @Singleton
    static class NotFound extends Simple<TenantNotFoundException> {
        NotFound(ProblemResponses problems) {
            super(problems, HttpStatus.NOT_FOUND);
        }
    }

    @Singleton
    static class AlreadyExists extends Simple<TenantAlreadyExistsException> {
        AlreadyExists(ProblemResponses problems) {
            super(problems, HttpStatus.CONFLICT);
        }
    }

    @Singleton
    static class StateConflict extends Simple<TenantStateConflictException> {
        StateConflict(ProblemResponses problems) {
            super(problems, HttpStatus.CONFLICT);
        }
    }

    @Singleton
    static class PreconditionRequired extends Simple<PreconditionRequiredException> {
        PreconditionRequired(ProblemResponses problems) {
            super(problems, HttpStatus.PRECONDITION_REQUIRED);
        }
    }

    @Singleton
    static class InvalidPage extends Simple<InvalidPageRequestException> {
        InvalidPage(ProblemResponses problems) {
            super(problems, HttpStatus.BAD_REQUEST);
        }
    }

    /** Reached only when a reference could not be checked at all: the API server is away. */
    @Singleton
    static class BackendUnavailable extends Simple<BackendResolutionException> {
        BackendUnavailable(ProblemResponses problems) {
            super(problems, HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    @Singleton
    static class ProvisioningOff extends Simple<ProvisioningUnavailableException> {
        ProvisioningOff(ProblemResponses problems) {
            super(problems, HttpStatus.NOT_IMPLEMENTED);
        }
    }

    @Singleton
    static class ProvisioningRefused extends Simple<ProvisioningRefusedException> {
        ProvisioningRefused(ProblemResponses problems) {
            super(problems, HttpStatus.CONFLICT);
        }
    }

    /**
     * Whatever no closer handler (ours or Micronaut's) claims: a bug, or a dependency such as the
     * database failing. It is an incident (logged once with its stack) answered as a generic 500,
     * where Micronaut's fallback would put the exception's message in the body.
     */
    @Singleton
    static class Unexpected implements ExceptionHandler<Throwable, HttpResponse<?>> {
        private final ProblemResponses problems;

        Unexpected(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Throwable exception) {
            return problems.unexpected(request, exception);
        }
    }
}
