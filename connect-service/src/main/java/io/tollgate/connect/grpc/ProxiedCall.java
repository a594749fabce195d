package io.tollgate.connect.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.tollgate.connect.audit.ConnectAudit;
import io.tollgate.connect.limits.CallAllowance;
import io.tollgate.connect.message.MalformedRequestException;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.message.SparkRequest;
import io.tollgate.connect.routing.BackendChannels;
import io.tollgate.connect.session.CallGateway;
import io.tollgate.connect.session.Caller;
import io.tollgate.connect.session.EndReason;
import io.tollgate.connect.session.LimitExceededException;
import io.tollgate.connect.session.OpenCalls;
import io.tollgate.connect.session.TenantLimits;

/**
 * One client call bridged to one backend call. The backend call opens at the client's first
 * request (its session id picks the backend); every request goes on with the verified user's
 * context; responses come back as the backend sent them, its status only when it is Spark's own
 * ({@link ConnectErrors#fromBackend}), and of its headers and trailers only those Spark's clients
 * read ({@link BackendHeaders#forClient}).
 *
 * <p>Flow control is end to end, one message at a time: the next request is asked of the client
 * only once the backend can take more, and the next response of the backend only once the client
 * can take more, so the gateway never holds more than one message per direction per call. That
 * message is charged to the replica's bytes in flight from its receipt until the other side took
 * it (its transport is ready again), and the call holds a slot among its tenant's open calls until
 * it ends ({@link CallAllowance}).
 *
 * <p>Both calls are driven from two sides (the client's callbacks, the backend's callbacks, and the
 * gateway's own checks), so every step holds this call's lock: gRPC's calls are not thread-safe.
 * Callbacks run on the transports' threads (no executor between them), so one side's listener may
 * run inside a step of the other on the same thread: every step re-checks {@code ended}.
 */
final class ProxiedCall extends ServerCall.Listener<byte[]> implements OpenCalls.OpenCall {
    private final ServerCall<byte[], byte[]> client;
    private final Metadata clientHeaders;
    private final Deadline deadline;
    private final SparkMethod method;
    private final MethodDescriptor<byte[], byte[]> backendMethod;
    private final Caller caller;
    private final CallAllowance allowance;
    private final CallGateway gateway;
    private final BackendChannels channels;
    private final BackendInterrupts interrupts;
    private final OpenCalls openCalls;
    private final BackendHeaders backendHeaders;
    private final Object lock = new Object();

    private ClientCall<byte[], byte[]> backend;
    private CallGateway.Admitted admitted;
    private BackendChannels.Lease lease;
    private String sessionId;
    private String operationId = "";
    private String planKind = "";
    private boolean firstRequestRead;
    private boolean clientWaitsForBackend;
    private boolean backendWaitsForClient;
    private boolean ended;

    ProxiedCall(ServerCall<byte[], byte[]> client, Metadata clientHeaders, Deadline deadline, SparkMethod method,
                MethodDescriptor<byte[], byte[]> backendMethod, Caller caller, CallAllowance allowance,
                ProxyParts parts) {
        this.client = client;
        this.clientHeaders = clientHeaders;
        this.deadline = deadline;
        this.method = method;
        this.backendMethod = backendMethod;
        this.caller = caller;
        this.allowance = allowance;
        this.gateway = parts.gateway();
        this.channels = parts.channels();
        this.interrupts = parts.interrupts();
        this.openCalls = parts.openCalls();
        this.backendHeaders = parts.headers();
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public boolean hasFirstRequest() {
        synchronized (lock) {
            return firstRequestRead;
        }
    }

    /** Starts reading the client's requests: the caller is admitted and the call is open among the gateway's. */
    void begin() {
        synchronized (lock) {
            if (!ended) { // a revocation or a cancel may have ended it already
                client.request(1);
            }
        }
    }

    @Override
    public void onMessage(byte[] message) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            firstRequestRead = true;
            try {
                allowance.requestReceived(message.length);
                SparkRequest request = SparkRequest.read(method, message);
                if (backend == null) {
                    planKind = request.planKind();
                    request = open(request);
                    if (ended) {
                        return; // the backend call failed as it started (its listener runs inline)
                    }
                } else if (!request.sessionId().equals(sessionId)) {
                    throw new MalformedRequestException(
                            "every request of a call must name the same session");
                } else {
                    admitted.permit().charge(request);
                }
                SparkRequest rewritten = request.withUser(caller.userContext());
                if (method.runsOperation()) {
                    operationId = rewritten.operationId();
                }
                backend.sendMessage(rewritten.bytes());
                if (backend.isReady()) {
                    allowance.requestHandedOn();
                    client.request(1);
                } else {
                    clientWaitsForBackend = true;
                }
            } catch (Exception e) {
                fail(e);
            }
        }
    }

    /**
     * {@code bytesSoFar} of the next request have arrived (the transport's thread, before
     * {@link #onMessage}): over its method's size or the budget, the call ends before it is whole.
     */
    void requestArriving(long bytesSoFar) {
        endIfOver(() -> allowance.requestArriving(bytesSoFar));
    }

    /** Likewise for the backend's next response. */
    private void responseArriving(long bytesSoFar) {
        endIfOver(() -> allowance.responseArriving(bytesSoFar));
    }

    private interface LimitCheck {
        void run() throws LimitExceededException;
    }

    private void endIfOver(LimitCheck check) {
        try {
            check.run();
        } catch (LimitExceededException over) {
            synchronized (lock) {
                if (!ended) {
                    fail(over);
                }
            }
        }
    }

    /** Opens the backend call for the first request; returns that request as it goes on. */
    private SparkRequest open(SparkRequest first) throws Exception {
        sessionId = first.sessionId();
        admitted = gateway.admit(caller, first);
        try {
            lease = channels.lease(admitted.backend());
        } catch (Exception e) {
            admitted.permit().close();
            throw e;
        }
        CallOptions options = CallOptions.DEFAULT.withDeadline(deadline)
                .withStreamTracerFactory(ArrivingMessages.watchResponses(this::responseArriving));
        // Not in the client's context: its cancellation would cancel the backend call before this
        // call hears of it, and the operation would never be interrupted. onCancel does both.
        Context previous = Context.ROOT.attach();
        try {
            backend = lease.channel().newCall(backendMethod, options);
            backend.start(new BackendListener(), backendHeaders.forBackend(clientHeaders, admitted.backend()));
        } finally {
            Context.ROOT.detach(previous);
        }
        backend.request(1);
        return admitted.first();
    }

    @Override
    public void onHalfClose() {
        synchronized (lock) {
            if (ended) {
                return;
            }
            if (backend == null) {
                end(Status.INVALID_ARGUMENT.withDescription("the call sent no request"), new Metadata());
                return;
            }
            backend.halfClose();
        }
    }

    @Override
    public void onReady() {
        synchronized (lock) {
            if (backendWaitsForClient && !ended) {
                backendWaitsForClient = false;
                allowance.responseHandedOn();
                backend.request(1);
            }
        }
    }

    /** The client cancelled, disconnected or passed its deadline: stop the work on the backend too. */
    @Override
    public void onCancel() {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            abandonBackend("client cancelled");
            audit("cancelled");
        }
    }

    @Override
    public void end(EndReason reason) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            Status status = ConnectErrors.ended(reason);
            ended = true;
            abandonBackend("ended by the gateway: " + reason);
            client.close(status, new Metadata());
            audit(status.getCode().name());
        }
    }

    private void fail(Exception error) {
        Status status = ConnectErrors.statusOf(method.rpcName(), error);
        if (backend != null) {
            ended = true;
            abandonBackend("refused by the gateway");
            client.close(status, new Metadata());
            audit(status.getCode().name());
        } else {
            end(status, new Metadata());
            audit(status.getCode().name()); // refused before it reached a backend: audited all the same
        }
    }

    /** Closes the client call with a status of ours (nothing was opened on a backend, or it has ended). */
    private void end(Status status, Metadata trailers) {
        ended = true;
        client.close(status, trailers);
        release();
    }

    private void abandonBackend(String why) {
        if (backend == null) {
            release();
            return;
        }
        backend.cancel(why, null);
        if (method.runsOperation() && !operationId.isEmpty() && lease != null) {
            // The operation runs on until the Interrupt is answered: its place in the tenant's
            // operations (and the channel) is given back only then, or a client could cancel and
            // restart faster than Spark stops, and run more operations than its quota.
            BackendChannels.Lease held = lease;
            TenantLimits.Permit permit = admitted.permit();
            lease = null;
            forget();
            interrupts.interrupt(held.channel(), admitted.backend(), caller, sessionId, operationId, () -> {
                permit.close();
                held.close();
            });
        } else {
            release();
        }
    }

    private void release() {
        forget();
        if (admitted != null) {
            admitted.permit().close();
        }
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }

    /** The call has ended: no longer checked, its slot and its bytes in flight given back. */
    private void forget() {
        openCalls.remove(this);
        allowance.close();
    }

    private void audit(String outcome) {
        if (method.runsOperation() || method == SparkMethod.RELEASE_SESSION) {
            ConnectAudit.call(method.rpcName(), caller.tenantId(), caller.principal().subject(), sessionId, operationId,
                    method.carriesPlan() ? planKind : null, outcome);
        }
    }

    private final class BackendListener extends ClientCall.Listener<byte[]> {
        @Override
        public void onHeaders(Metadata headers) {
            synchronized (lock) {
                if (!ended) {
                    client.sendHeaders(BackendHeaders.forClient(headers));
                }
            }
        }

        @Override
        public void onMessage(byte[] message) {
            synchronized (lock) {
                if (ended) {
                    return;
                }
                try {
                    allowance.responseReceived(message.length);
                } catch (LimitExceededException overBudget) {
                    fail(overBudget);
                    return;
                }
                client.sendMessage(message);
                if (client.isReady()) {
                    allowance.responseHandedOn();
                    backend.request(1);
                } else {
                    backendWaitsForClient = true;
                }
            }
        }

        @Override
        public void onReady() {
            synchronized (lock) {
                if (clientWaitsForBackend && !ended) {
                    clientWaitsForBackend = false;
                    allowance.requestHandedOn();
                    client.request(1);
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            synchronized (lock) {
                if (ended) {
                    return;
                }
                ended = true;
                Status answer = ConnectErrors.fromBackend(method.rpcName(), status, trailers);
                boolean hopFailed = answer != status;
                if (method == SparkMethod.RELEASE_SESSION && status.isOk()) {
                    admitted.permit().sessionReleased();
                }
                if (method == SparkMethod.CLONE_SESSION && !status.isOk() && !hopFailed) {
                    admitted.permit().cloneFailed(); // Spark's own refusal: it created no session
                }
                client.close(answer, hopFailed ? new Metadata() : BackendHeaders.forClient(trailers));
                // The client's deadline also bounds the backend call, which may pass it first: the
                // operation still runs on Spark and must be interrupted, as when the client cancels.
                if (hopFailed && status.getCode() != Status.Code.UNAVAILABLE) {
                    abandonBackend("the hop failed: " + status.getCode());
                } else {
                    release();
                }
                audit(answer.getCode().name());
            }
        }
    }
}
