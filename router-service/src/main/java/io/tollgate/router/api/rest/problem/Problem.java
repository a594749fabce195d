package io.tollgate.router.api.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), the body of every error the
 * admin API answers.
 *
 * @param errors the fields at fault, each named by its path in the request (e.g. sqlBackend.jdbcUrl)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail,
                      @Nullable List<FieldProblem> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
