package io.tollgate.connect.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;

import java.util.function.LongConsumer;

/**
 * Tells a proxied call how much of its next request has arrived while grpc-java's transport reads
 * it, before the request is whole: the transport reads a message whole (up to
 * {@code max-message-bytes}) before the call sees it, and this is the one hook grpc-java gives in
 * between (a stream tracer; each call's tracer is found in its context). The call checks the bytes
 * against its limits and ends itself when they are over.
 */
final class ArrivingRequests extends ServerStreamTracer.Factory {
    private static final Context.Key<Arrivals> ARRIVALS = Context.key("tollgate-connect-arriving-request");

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        return new Arrivals();
    }

    /**
     * Has {@code watcher} told of the bytes of each request of the current call as they arrive
     * (called from the call's handler, where its context is current, before it asks for a request).
     */
    static void watch(LongConsumer watcher) {
        Arrivals arrivals = ARRIVALS.get();
        if (arrivals != null) {
            arrivals.watcher = watcher;
        }
    }

    /** One stream's: the bytes of the message being read (the transport reads one message at a time). */
    private static final class Arrivals extends ServerStreamTracer {
        private volatile LongConsumer watcher;
        private long bytes;

        @Override
        public Context filterContext(Context context) {
            return context.withValue(ARRIVALS, this);
        }

        @Override
        public void inboundMessage(int seqNo) {
            bytes = 0;
        }

        @Override
        public void inboundWireSize(long more) {
            bytes += more;
            LongConsumer current = watcher;
            if (current != null) {
                current.accept(bytes);
            }
        }
    }
}
