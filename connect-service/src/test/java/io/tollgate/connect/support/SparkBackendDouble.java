package io.tollgate.connect.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.AddArtifactsResponse;
import io.tollgate.connect.proto.AnalyzePlanRequest;
import io.tollgate.connect.proto.AnalyzePlanResponse;
import io.tollgate.connect.proto.ArtifactStatusesRequest;
import io.tollgate.connect.proto.ArtifactStatusesResponse;
import io.tollgate.connect.proto.CloneSessionRequest;
import io.tollgate.connect.proto.CloneSessionResponse;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ConfigResponse;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.FetchErrorDetailsRequest;
import io.tollgate.connect.proto.FetchErrorDetailsResponse;
import io.tollgate.connect.proto.InterruptRequest;
import io.tollgate.connect.proto.InterruptResponse;
import io.tollgate.connect.proto.ReattachExecuteRequest;
import io.tollgate.connect.proto.ReleaseExecuteRequest;
import io.tollgate.connect.proto.ReleaseExecuteResponse;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.proto.ReleaseSessionResponse;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.proto.UserContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spark Connect server played by a real grpc-java server implementing Spark's generated service
 * (Spark is not ours): it records what each call brought (headers, user context, ids, deadline) and
 * answers every RPC. An ExecutePlan's {@code client_type} tells it what to do: {@code rows:N} (N
 * batches, then complete), {@code hang} (run until interrupted, as Spark does even when the RPC
 * is cancelled), {@code hang-hold-interrupt} (likewise, and the Interrupt of it is answered only
 * when the test calls {@link #answerHeldInterrupts()}), {@code hold:N} (one batch of N bytes, then
 * run until interrupted), {@code flood} (send 64 KiB batches
 * while the caller keeps up, up to {@link #FLOOD_BATCHES}), {@code fail} (a Spark error, with its
 * details as Spark sends them), {@code status:<CODE>} (a status without Spark's details, its text
 * naming an internal address, as a proxy in front of Spark or grpc-java would),
 * {@code oversized} (one response of {@link #OVERSIZED_BYTES}). Every answer also carries
 * {@link #DRIVER_HOST} in its headers (and a failure in its trailers), as a deployment's proxy
 * might. A CloneSession clones under the new id it is given, or one of its own (as Spark does);
 * with {@code client_type} {@code fail} it answers Spark's error for a session it does not hold.
 */
public final class SparkBackendDouble implements AutoCloseable {
    public static final int FLOOD_BATCHES = 1000;
    /** Above the test gateway's {@code max-message-bytes} ({@link ConnectGateway#MAX_MESSAGE_BYTES}). */
    public static final int OVERSIZED_BYTES = ConnectGateway.MAX_MESSAGE_BYTES + (1 << 20);
    /** Where the answering server runs: internal, for no client's eyes. */
    public static final Metadata.Key<String> DRIVER_HOST = Metadata.Key.of("x-spark-driver-host",
            Metadata.ASCII_STRING_MARSHALLER);
    /** An address inside the deployment that hop statuses name. */
    public static final String INTERNAL_ADDRESS = "10.31.7.12:15002";
    private static final Context.Key<Metadata> HEADERS = Context.key("headers");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHENTICATION = Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);

    /** What one call brought. */
    public record Received(String method, String authorization, String authentication, UserContext user,
                           String sessionId, String operationId, boolean hadDeadline, Metadata headers) {
    }

    private final String name;
    private final Server server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<InterruptRequest> interrupts = new CopyOnWriteArrayList<>();
    private final List<CloneSessionRequest> clones = new CopyOnWriteArrayList<>();
    private final Set<String> holdInterruptOf = ConcurrentHashMap.newKeySet();
    private final List<Runnable> heldInterrupts = new CopyOnWriteArrayList<>();
    private final Map<String, ServerCallStreamObserver<ExecutePlanResponse>> running = new ConcurrentHashMap<>();
    private final AtomicInteger floodSent = new AtomicInteger();
    private volatile boolean floodStalled;

    public SparkBackendDouble(String name) {
        this(name, null);
    }

    /** A backend serving TLS with this certificate (null: plaintext). */
    public SparkBackendDouble(String name, io.tollgate.testkit.tls.TestPki.Issued certificate) {
        this.name = name;
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                                                              ServerCallHandler<Q, R> next) {
                ServerCall<Q, R> labelled = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata responseHeaders) {
                        responseHeaders.put(DRIVER_HOST, driverHost());
                        super.sendHeaders(responseHeaders);
                    }
                };
                return Contexts.interceptCall(Context.current().withValue(HEADERS, metadata), labelled, metadata, next);
            }
        };
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(256 * 1024 * 1024)
                .addService(io.grpc.ServerInterceptors.intercept(new Service(), headers));
        if (certificate != null) {
            builder.useTransportSecurity(certificate.certificateFile().toFile(), certificate.keyFile().toFile());
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** {@code host:port}, as a registry endpoint. */
    public String endpoint() {
        return "127.0.0.1:" + server.getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The calls received for a session id. */
    public List<Received> receivedFor(String sessionId) {
        return received.stream().filter(r -> r.sessionId().equals(sessionId)).toList();
    }

    public Optional<Received> last(String method) {
        List<Received> all = received.stream().filter(r -> r.method().equals(method)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public List<InterruptRequest> interrupts() {
        return List.copyOf(interrupts);
    }

    /** The CloneSession requests received, as they arrived. */
    public List<CloneSessionRequest> clones() {
        return List.copyOf(clones);
    }

    private String driverHost() {
        return "spark-" + name + ".tenants.internal";
    }

    /**
     * A Spark error as Spark's server sends it: INTERNAL, its message, and a {@code google.rpc.Status}
     * in {@code grpc-status-details-bin} whose ErrorInfo names the error class.
     */
    private RuntimeException sparkError(String errorClass, String message) {
        com.google.rpc.Status details = com.google.rpc.Status.newBuilder().setCode(Code.INTERNAL_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("org.apache.spark.sql.AnalysisException")
                        .setDomain("org.apache.spark").putMetadata("errorClass", errorClass)
                        .putMetadata("errorId", java.util.UUID.randomUUID().toString()).build()))
                .build();
        Metadata trailers = new Metadata();
        trailers.put(DRIVER_HOST, driverHost());
        return StatusProto.toStatusRuntimeException(details, trailers);
    }

    /** Answers the Interrupts held for {@code hang-hold-interrupt} operations. */
    public void answerHeldInterrupts() {
        for (Runnable answer : heldInterrupts) {
            heldInterrupts.remove(answer);
            answer.run();
        }
    }

    /** Whether an operation is still running here. */
    public boolean running(String operationId) {
        return running.containsKey(operationId);
    }

    public int floodSent() {
        return floodSent.get();
    }

    /** The flood could not send more: the caller (through the gateway) is not reading. */
    public boolean floodStalled() {
        return floodStalled;
    }

    private void record(String method, UserContext user, String sessionId, String operationId) {
        Metadata headers = HEADERS.get();
        received.add(new Received(method, headers.get(AUTHORIZATION), headers.get(AUTHENTICATION), user, sessionId,
                operationId, Context.current().getDeadline() != null, headers));
    }

    private final class Service extends SparkConnectServiceGrpc.SparkConnectServiceImplBase {
        @Override
        public void executePlan(ExecutePlanRequest request, StreamObserver<ExecutePlanResponse> observer) {
            record("ExecutePlan", request.getUserContext(), request.getSessionId(), request.getOperationId());
            ServerCallStreamObserver<ExecutePlanResponse> responses = (ServerCallStreamObserver<ExecutePlanResponse>) observer;
            String operation = request.getOperationId();
            String command = request.getClientType();
            if (command.startsWith("rows:")) {
                int rows = Integer.parseInt(command.substring(5));
                for (int i = 0; i < rows; i++) {
                    responses.onNext(batch(request, i, 16));
                }
                responses.onCompleted();
            } else if (command.startsWith("hold:")) {
                running.put(operation, responses);
                responses.onNext(batch(request, 0, Integer.parseInt(command.substring(5))));
            } else if (command.equals("hang-hold-interrupt")) {
                holdInterruptOf.add(operation);
                running.put(operation, responses);
            } else if (command.equals("hang")) {
                // As Spark does: a job whose RPC was cancelled keeps running until interrupted.
                running.put(operation, responses);
            } else if (command.equals("flood")) {
                running.put(operation, responses);
                responses.setOnCancelHandler(() -> running.remove(operation));
                responses.setOnReadyHandler(() -> {
                    while (responses.isReady() && floodSent.get() < FLOOD_BATCHES && running.containsKey(operation)) {
                        responses.onNext(batch(request, floodSent.incrementAndGet(), 64 * 1024));
                    }
                    if (floodSent.get() >= FLOOD_BATCHES) {
                        running.remove(operation);
                        responses.onCompleted();
                    } else {
                        floodStalled = !responses.isReady();
                    }
                });
            } else if (command.equals("fail")) {
                responses.onError(sparkError("TABLE_OR_VIEW_NOT_FOUND",
                        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found."));
            } else if (command.startsWith("status:")) {
                Metadata trailers = new Metadata();
                trailers.put(DRIVER_HOST, driverHost());
                responses.onError(Status.fromCode(Status.Code.valueOf(command.substring(7)))
                        .withDescription("upstream call failed after 0.2s [remote_addr=" + INTERNAL_ADDRESS + "]")
                        .asRuntimeException(trailers));
            } else if (command.equals("oversized")) {
                running.put(operation, responses);
                responses.setOnCancelHandler(() -> running.remove(operation));
                responses.onNext(batch(request, 0, OVERSIZED_BYTES));
            } else {
                responses.onCompleted();
            }
        }

        private ExecutePlanResponse batch(ExecutePlanRequest request, int index, int bytes) {
            return ExecutePlanResponse.newBuilder().setSessionId(request.getSessionId())
                    .setOperationId(request.getOperationId()).setResponseId(name + "-" + index)
                    .setArrowBatch(ExecutePlanResponse.ArrowBatch.newBuilder().setRowCount(1)
                            .setData(ByteString.copyFrom(new byte[bytes])))
                    .build();
        }

        @Override
        public void reattachExecute(ReattachExecuteRequest request, StreamObserver<ExecutePlanResponse> observer) {
            record("ReattachExecute", request.getUserContext(), request.getSessionId(), request.getOperationId());
            observer.onCompleted();
        }

        @Override
        public void interrupt(InterruptRequest request, StreamObserver<InterruptResponse> observer) {
            record("Interrupt", request.getUserContext(), request.getSessionId(), request.getOperationId());
            interrupts.add(request);
            ServerCallStreamObserver<ExecutePlanResponse> operation = running.remove(request.getOperationId());
            if (operation != null) {
                try {
                    operation.onError(Status.CANCELLED.withDescription("OPERATION_CANCELED").asRuntimeException());
                } catch (RuntimeException alreadyGone) {
                    // the caller's stream was cancelled already
                }
            }
            InterruptResponse response = InterruptResponse.newBuilder().setSessionId(request.getSessionId())
                    .addInterruptedIds(request.getOperationId()).build();
            if (holdInterruptOf.remove(request.getOperationId())) {
                heldInterrupts.add(() -> answer(observer, response));
            } else {
                answer(observer, response);
            }
        }

        @Override
        public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> observer) {
            record("AnalyzePlan", request.getUserContext(), request.getSessionId(), "");
            answer(observer, AnalyzePlanResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public void config(ConfigRequest request, StreamObserver<ConfigResponse> observer) {
            record("Config", request.getUserContext(), request.getSessionId(), "");
            answer(observer, ConfigResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public StreamObserver<AddArtifactsRequest> addArtifacts(StreamObserver<AddArtifactsResponse> observer) {
            return new StreamObserver<>() {
                private String sessionId = "";

                @Override
                public void onNext(AddArtifactsRequest request) {
                    sessionId = request.getSessionId();
                    record("AddArtifacts", request.getUserContext(), request.getSessionId(), "");
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    answer(observer, AddArtifactsResponse.newBuilder().setSessionId(sessionId).build());
                }
            };
        }

        @Override
        public void artifactStatus(ArtifactStatusesRequest request, StreamObserver<ArtifactStatusesResponse> observer) {
            record("ArtifactStatus", request.getUserContext(), request.getSessionId(), "");
            answer(observer, ArtifactStatusesResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public void releaseExecute(ReleaseExecuteRequest request, StreamObserver<ReleaseExecuteResponse> observer) {
            record("ReleaseExecute", request.getUserContext(), request.getSessionId(), request.getOperationId());
            answer(observer, ReleaseExecuteResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public void releaseSession(ReleaseSessionRequest request, StreamObserver<ReleaseSessionResponse> observer) {
            record("ReleaseSession", request.getUserContext(), request.getSessionId(), "");
            answer(observer, ReleaseSessionResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public void fetchErrorDetails(FetchErrorDetailsRequest request, StreamObserver<FetchErrorDetailsResponse> observer) {
            record("FetchErrorDetails", request.getUserContext(), request.getSessionId(), "");
            answer(observer, FetchErrorDetailsResponse.newBuilder().setSessionId(request.getSessionId()).build());
        }

        @Override
        public void cloneSession(CloneSessionRequest request, StreamObserver<CloneSessionResponse> observer) {
            record("CloneSession", request.getUserContext(), request.getSessionId(), "");
            clones.add(request);
            if (request.getClientType().equals("fail")) {
                observer.onError(sparkError("INVALID_HANDLE.SESSION_NOT_FOUND",
                        "[INVALID_HANDLE.SESSION_NOT_FOUND] The handle " + request.getSessionId() + " is invalid."));
                return;
            }
            String clone = request.getNewSessionId().isEmpty() ? java.util.UUID.randomUUID().toString()
                    : request.getNewSessionId();
            answer(observer, CloneSessionResponse.newBuilder().setSessionId(request.getSessionId())
                    .setNewSessionId(clone).build());
        }

        private <T extends Message> void answer(StreamObserver<T> observer, T response) {
            observer.onNext(response);
            observer.onCompleted();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
