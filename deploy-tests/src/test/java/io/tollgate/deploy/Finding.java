package io.tollgate.deploy;

/**
 * One broken rule: which rule (a stable id the mutation tests assert on), which object
 * ({@code Kind/name}) and what is wrong.
 */
record Finding(String rule, String object, String detail) {

    @Override
    public String toString() {
        return rule + " " + object + ": " + detail;
    }
}
