package io.tollgate.router.api.rest.problem;

/** A request header that cannot be understood (HTTP 400, naming the header). */
public class BadHeaderException extends RuntimeException {
    private final String header;

    public BadHeaderException(String header, String message) {
        super(message);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
