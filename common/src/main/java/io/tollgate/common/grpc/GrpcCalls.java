package io.tollgate.common.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.error.Incident;

/**
 * How every gRPC endpoint of ours answers a call: the endpoint's body computes the response, and
 * this class completes the observer exactly once, with the response, with the status the endpoint's
 * {@link KnownErrors} give a thrown exception, or, for anything else, with an {@link Incident}:
 * logged once with its stack, answered INTERNAL carrying only {@link Incident#publicMessage()}.
 * <p>
 * A body that decides a status itself (e.g. INVALID_ARGUMENT naming a field) throws
 * {@link #refuse}. A {@link StatusRuntimeException} is <em>not</em> passed through: inside a body
 * it comes from a call to another service, whose description is not ours to repeat.
 */
public final class GrpcCalls {

    private GrpcCalls() {
    }

    /**
     * Runs a unary call.
     *
     * @param method the RPC's name, for the log (never the caller's text)
     */
    public static <T> void respond(StreamObserver<T> observer, String method, KnownErrors known, Body<T> body) {
        T response;
        try {
            response = body.call();
        } catch (Throwable error) {
            observer.onError(failure(method, known, error));
            return;
        }
        // Outside the try: a failure to send (the caller left) must not be answered a second time.
        observer.onNext(response);
        observer.onCompleted();
    }

    /**
     * What a call that failed with {@code error} answers: a body's own refusal, the endpoint's status
     * for an expected exception, or INTERNAL under a new incident. Streams, which end themselves,
     * call it directly.
     */
    public static StatusRuntimeException failure(String method, KnownErrors known, Throwable error) {
        if (error instanceof Refusal refusal) {
            return refusal.status().asRuntimeException();
        }
        return known.statusOf(error)
                .orElseGet(() -> unexpected(method, error))
                .asRuntimeException();
    }

    /** INTERNAL under a new incident: the log has the stack, the caller only the reference. */
    public static Status unexpected(String method, Throwable error) {
        return Status.INTERNAL.withDescription(Incident.record(method, error).publicMessage());
    }

    /**
     * A refusal the body decided, to throw: the call answers {@code status} as it is.
     *
     * @param status its description is shown to the caller: our own text only
     */
    public static Refusal refuse(Status status) {
        return new Refusal(status);
    }

    /** What a call computes; it may throw the endpoint's checked domain exceptions. */
    @FunctionalInterface
    public interface Body<T> {
        T call() throws Exception;
    }

    /** A status a body chose. No stack: it is an answer, not a failure. */
    public static final class Refusal extends RuntimeException {
        private final transient Status status;

        private Refusal(Status status) {
            super(status.getCode() + ": " + status.getDescription(), null, false, false);
            this.status = status;
        }

        public Status status() {
            return status;
        }
    }
}
