package io.tollgate.connect.grpc;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.proto.InterruptRequest;
import io.tollgate.connect.proto.InterruptResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.proto.UserContext;
import io.tollgate.connect.routing.SparkBackend;
import io.tollgate.connect.session.Caller;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Interrupts an operation on its backend: Spark keeps running a job whose RPC was merely
 * cancelled, so when a client cancels, disconnects or passes its deadline (or the gateway ends its
 * call), the gateway asks the backend, as the same verified user, to interrupt it by id.
 */
@Singleton
class BackendInterrupts {
    private static final Logger LOG = LoggerFactory.getLogger(BackendInterrupts.class);

    private final long timeoutMillis;

    private final BackendHeaders headers;

    BackendInterrupts(ConnectConfig config, BackendHeaders headers) {
        this.timeoutMillis = config.interruptTimeout().toMillis();
        this.headers = headers;
    }

    /**
     * Sends the Interrupt; {@code done} runs when the backend has answered or failed (to release
     * the channel the call held).
     */
    void interrupt(Channel channel, SparkBackend backend, Caller caller, String sessionId, String operationId,
                   Runnable done) {
        // Outside the client's call: when it was cancelled, its context is too, and would cancel this.
        Context.ROOT.run(() -> send(channel, backend, caller, sessionId, operationId, done));
    }

    private void send(Channel channel, SparkBackend backend, Caller caller, String sessionId, String operationId,
                      Runnable done) {
        InterruptRequest request = InterruptRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(UserContext.newBuilder().setUserId(caller.user().userId())
                        .setUserName(caller.user().accountName()))
                .setClientType("tollgate-connect-service")
                .setInterruptType(InterruptRequest.InterruptType.INTERRUPT_TYPE_OPERATION_ID)
                .setOperationId(operationId)
                .build();
        SparkConnectServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers.forBackend(new Metadata(), backend)))
                .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .interrupt(request, new StreamObserver<>() {
                    @Override
                    public void onNext(InterruptResponse response) {
                        LOG.debug("operation {} interrupted on {}", operationId, backend);
                    }

                    @Override
                    public void onError(Throwable error) {
                        LOG.warn("could not interrupt operation {} on {}: {}", operationId, backend,
                                Status.fromThrowable(error).getCode());
                        done.run();
                    }

                    @Override
                    public void onCompleted() {
                        done.run();
                    }
                });
    }
}
