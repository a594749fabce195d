package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.tollgate.common.auth.CallRefusedException;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.common.grpc.KnownErrors;
import io.tollgate.common.tenant.TenantRefusedException;
import io.tollgate.connect.message.MalformedRequestException;
import io.tollgate.connect.routing.NoSparkBackendException;
import io.tollgate.connect.session.CredentialsNoLongerValidException;
import io.tollgate.connect.session.EndReason;
import io.tollgate.connect.session.LimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from what can go wrong with a Spark Connect call to the status its client reads:
 * our own texts only; anything unexpected is an incident (the client reads its reference).
 */
final class ConnectErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectErrors.class);
    static final String BACKEND_UNAVAILABLE = "Spark Connect backend unavailable";
    /**
     * The hop's RESOURCE_EXHAUSTED: grpc-java's (a response over {@code max-message-bytes}) or the
     * backend's server's (a request over its own limit).
     */
    static final String MESSAGE_TOO_LARGE = "a message exceeds the size the Spark Connect gateway or backend accepts";
    private static final Status TENANT_NOT_AVAILABLE = Status.PERMISSION_DENIED
            .withDescription(new TenantRefusedException(TenantRefusedException.Reason.NOT_AVAILABLE).getMessage());

    private static final KnownErrors KNOWN = KnownErrors.none()
            .on(CallRefusedException.class, e -> switch (e.reason()) {
                case INVALID_CREDENTIALS -> Status.UNAUTHENTICATED.withDescription(e.getMessage());
                case SCOPE_NOT_GRANTED -> Status.PERMISSION_DENIED.withDescription(e.getMessage());
                case TOO_MANY_ATTEMPTS -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
                case UNAVAILABLE -> Status.UNAVAILABLE.withDescription(e.getMessage());
            })
            .on(CredentialsNoLongerValidException.class,
                    e -> Status.UNAUTHENTICATED.withDescription(CallRefusedException.INVALID_CREDENTIALS))
            .on(TenantRefusedException.class, e -> e.reason() == TenantRefusedException.Reason.NOT_READY
                    ? Status.UNAVAILABLE.withDescription(e.getMessage())
                    : Status.PERMISSION_DENIED.withDescription(e.getMessage()))
            // The same answer as an unknown tenant: a caller learns nothing of how tenants are set up.
            .on(NoSparkBackendException.class, e -> {
                LOG.warn("Spark Connect call refused: {}", e.getMessage());
                return TENANT_NOT_AVAILABLE;
            })
            .on(LimitExceededException.class, e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()))
            .on(MalformedRequestException.class, e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage()));

    private ConnectErrors() {
    }

    /** The status a failed call answers. */
    static Status statusOf(String method, Throwable error) {
        return GrpcCalls.failure(method, KNOWN, error).getStatus();
    }

    /** The status of a call the gateway ended on its own. */
    static Status ended(EndReason reason) {
        return switch (reason) {
            case CREDENTIALS_REVOKED -> Status.UNAUTHENTICATED.withDescription(CallRefusedException.INVALID_CREDENTIALS);
            case TENANT_NOT_AVAILABLE -> TENANT_NOT_AVAILABLE;
            case NO_REQUEST_IN_TIME -> Status.DEADLINE_EXCEEDED.withDescription("no request within the first-request timeout");
        };
    }

    /**
     * What the client reads of a backend call's end. Spark answers every error of its own with its
     * error details ({@code grpc-status-details-bin}: error class, message parameters, the id
     * FetchErrorDetails takes) about the user's own query: such a status passes as Spark sent it, as
     * does OK. Any other status is the hop's, grpc-java's or something between the gateway and
     * Spark: a deadline ("CallOptions deadline exceeded after ... [remote_addr=...]"), a response
     * over the size limit, a transport failure, an unknown method, a backend refusing the gateway's
     * token. Its text is not ours to repeat: the client reads ours, and what is not the caller's
     * to fix is an incident.
     *
     * @param trailers the backend call's trailers
     * @return {@code status} itself when it passes through, else a status of ours
     */
    static Status fromBackend(String method, Status status, Metadata trailers) {
        boolean sparksOwn = status.getCause() == null && trailers.containsKey(BackendHeaders.SPARK_ERROR_DETAILS);
        if (status.isOk() || sparksOwn) {
            return status;
        }
        return switch (status.getCode()) {
            case UNAVAILABLE -> Status.UNAVAILABLE.withDescription(BACKEND_UNAVAILABLE);
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded");
            case CANCELLED -> Status.CANCELLED.withDescription("call cancelled");
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED.withDescription(MESSAGE_TOO_LARGE);
            case UNIMPLEMENTED -> Status.UNIMPLEMENTED.withDescription("the Spark Connect backend does not implement "
                    + method);
            default -> GrpcCalls.unexpected(method, status.asRuntimeException());
        };
    }
}
