package io.tollgate.connect.grpc;

import io.grpc.ClientStreamTracer;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;

import java.util.function.LongConsumer;

/**
 * Tells a proxied call how much of its next message has arrived while grpc-java's transport reads
 * it, before the message is whole: a transport reads a message whole (up to
 * {@code max-message-bytes}) before the call sees it, and stream tracers are the one hook grpc-java
 * gives in between. A client's requests are watched by the server's tracer (each call's found in
 * its context), a backend's responses by a tracer given to the backend call. The call checks the
 * bytes against its limits and ends itself when they are over.
 */
final class ArrivingMessages extends ServerStreamTracer.Factory {
    private static final Context.Key<Requests> REQUESTS = Context.key("tollgate-connect-arriving-requests");

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        return new Requests();
    }

    /**
     * Has {@code watcher} told of the bytes of each request of the current call as they arrive
     * (called from the call's handler, where its context is current, before it asks for a request).
     */
    static void watchRequests(LongConsumer watcher) {
        Requests requests = REQUESTS.get();
        if (requests != null) {
            requests.bytes.watcher = watcher;
        }
    }

    /** A backend call's tracer that tells {@code watcher} of the bytes of each response as they arrive. */
    static ClientStreamTracer.Factory watchResponses(LongConsumer watcher) {
        return new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
                Bytes bytes = new Bytes();
                bytes.watcher = watcher;
                return new ClientStreamTracer() {
                    @Override
                    public void inboundMessage(int seqNo) {
                        bytes.next();
                    }

                    @Override
                    public void inboundWireSize(long more) {
                        bytes.arrived(more);
                    }
                };
            }
        };
    }

    /** The bytes of the message being read (a transport reads one message at a time). */
    private static final class Bytes {
        private volatile LongConsumer watcher;
        private long sofar;

        void next() {
            sofar = 0;
        }

        void arrived(long more) {
            sofar += more;
            LongConsumer current = watcher;
            if (current != null) {
                current.accept(sofar);
            }
        }
    }

    private static final class Requests extends ServerStreamTracer {
        private final Bytes bytes = new Bytes();

        @Override
        public Context filterContext(Context context) {
            return context.withValue(REQUESTS, this);
        }

        @Override
        public void inboundMessage(int seqNo) {
            bytes.next();
        }

        @Override
        public void inboundWireSize(long more) {
            bytes.arrived(more);
        }
    }
}
