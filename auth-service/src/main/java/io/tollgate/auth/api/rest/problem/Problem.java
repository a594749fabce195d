package io.tollgate.auth.api.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): the body of every error of
 * the admin API, and of Micronaut's own JSON errors on this service.
 *
 * @param errors the request fields at fault, each named
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail,
                      @Nullable List<FieldProblem> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /** One field at fault. */
    @Serdeable
    public record FieldProblem(String field, String message) {
    }
}
