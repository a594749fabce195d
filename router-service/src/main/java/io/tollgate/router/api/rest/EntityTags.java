package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.router.api.rest.problem.BadHeaderException;
import io.tollgate.router.api.rest.problem.PreconditionRequiredException;
import io.tollgate.router.service.RevisionCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads If-Match (RFC 9110): a list of entity tags, or {@code *}. Tenants' tags are their revisions
 * as strong tags ({@code "42"}); a weak tag never matches, as If-Match compares strongly.
 */
final class EntityTags {
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*");

    private EntityTags() {
    }

    /**
     * @throws PreconditionRequiredException when the header is missing: writes must be conditional
     * @throws BadHeaderException            when it is not a list of entity tags
     */
    static RevisionCondition ifMatch(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        if (header.trim().equals("*")) {
            return RevisionCondition.ANY;
        }
        List<Long> revisions = new ArrayList<>();
        for (String part : header.split(",")) {
            Matcher tag = TAG.matcher(part);
            if (!tag.matches()) {
                throw new BadHeaderException("If-Match", "must be * or a list of entity tags such as \"42\"");
            }
            if (tag.group(1) == null && tag.group(2).matches("\\d{1,18}")) {
                revisions.add(Long.parseLong(tag.group(2)));
            }
        }
        return RevisionCondition.oneOf(revisions);
    }
}
