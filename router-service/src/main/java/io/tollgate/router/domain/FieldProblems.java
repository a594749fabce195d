package io.tollgate.router.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in a tenant definition, each naming its field by path (e.g.
 * {@code sqlBackend.jdbcUrl}, {@code tenants[1].isolationMode}); collected rather than thrown, so
 * that one answer lists every field to fix. Each front end reports them in its own form.
 */
public final class FieldProblems {
    private final List<FieldProblem> problems = new ArrayList<>();

    /**
     * One bad field.
     *
     * @param message never a value that could be a secret (a password, a reference, a URL)
     */
    public record FieldProblem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    public void add(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** How many so far: a caller compares counts to learn whether one part added any. */
    public int count() {
        return problems.size();
    }

    public List<FieldProblem> all() {
        return List.copyOf(problems);
    }
}
