package io.tollgate.router.api.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemBodyProviderTest {
    private static final String INSIDE = "Could not set JDBC Connection [HikariProxyConnection@948105161 wrapping "
            + "com.zaxxer.hikari.pool.ProxyConnection.ClosedConnection] read-only: Connection is closed";

    private final ProblemBodyProvider provider = new ProblemBodyProvider();

    private static ErrorContext failure() {
        return ErrorContext.builder(HttpRequest.GET("/admin/v1/tenants/acme/suspend"))
                .cause(new IllegalStateException(INSIDE, new SQLException("Connection is closed")))
                .errorMessage("Internal Server Error: " + INSIDE)
                .error(ProblemBodyProvider.error("sqlBackend.jdbcUrl", INSIDE))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = HttpStatus.class, names = {"INTERNAL_SERVER_ERROR", "NOT_IMPLEMENTED", "BAD_GATEWAY",
            "SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT"})
    void aServerErrorIsAGenericProblemWhateverItsContextHolds(HttpStatus status) {
        Problem problem = provider.body(failure(), HttpResponse.status(status));

        assertEquals(new Problem("about:blank", status.getReason(), status.getCode(),
                status == HttpStatus.INTERNAL_SERVER_ERROR ? "internal error" : null, null), problem);
    }

    @ParameterizedTest
    @EnumSource(value = HttpStatus.class, names = {"BAD_REQUEST", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED"})
    void aClientErrorKeepsItsMessagesAndFields(HttpStatus status) {
        ErrorContext context = ErrorContext.builder(HttpRequest.GET("/admin/v1/tenants"))
                .error(ProblemBodyProvider.error(null, "tenant is being deleted"))
                .error(ProblemBodyProvider.error("id", "must be a lowercase slug"))
                .build();

        Problem problem = provider.body(context, HttpResponse.status(status));

        assertEquals(status.getCode(), problem.status());
        assertEquals("tenant is being deleted; id: must be a lowercase slug", problem.detail());
        assertEquals(1, problem.errors().size());
        assertEquals(new Problem.FieldProblem("id", "must be a lowercase slug"), problem.errors().get(0));
    }
}
