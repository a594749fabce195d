package io.tollgate.catalog.storage;

/**
 * A storage request the catalog will not sign for a client: not for an object of the table asked
 * about, not to the warehouse's own storage, or of a kind clients are not given. The message says
 * what was wrong in the catalog's words, never which buckets or prefixes other tenants use.
 */
public class SigningRefusedException extends RuntimeException {

    public SigningRefusedException(String reason) {
        super("Not allowed to sign this storage request: " + reason);
    }
}
