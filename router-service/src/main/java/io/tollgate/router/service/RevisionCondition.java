package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The revisions a conditional write expects the tenant to be at (HTTP If-Match), or any.
 *
 * @param revisions the acceptable revisions; null means any existing revision ({@code If-Match: *})
 */
public record RevisionCondition(@Nullable List<Long> revisions) {
    public static final RevisionCondition ANY = new RevisionCondition(null);

    public RevisionCondition {
        revisions = revisions == null ? null : List.copyOf(revisions);
    }

    public static RevisionCondition oneOf(List<Long> revisions) {
        return new RevisionCondition(revisions);
    }

    /** @throws RevisionMismatchException when the tenant is not at an expected revision */
    public void check(long current) {
        if (revisions != null && !revisions.contains(current)) {
            throw new RevisionMismatchException(current);
        }
    }
}
