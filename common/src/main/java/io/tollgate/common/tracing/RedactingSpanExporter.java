package io.tollgate.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;

/**
 * The last word on what a span may carry out of the process, whatever instrumentation recorded:
 * query strings keep their parameter names but not their values (a client may put a token or a
 * signature there), recorded exceptions keep their type but lose message and stack trace (a
 * driver's message can quote SQL or row values), and a status keeps its code but not its
 * description. Span names (method and route templates), ids, kinds, timings and the remaining
 * attributes pass unchanged.
 */
final class RedactingSpanExporter implements SpanExporter {
    static final String REDACTED = "REDACTED";
    private static final List<AttributeKey<String>> URL_KEYS =
            List.of(AttributeKey.stringKey("url.query"), AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.url"),
                    AttributeKey.stringKey("http.target"));
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private final SpanExporter delegate;

    RedactingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().<SpanData>map(Redacted::new).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    /** {@code a=1&b=2} becomes {@code a=REDACTED&b=REDACTED}; in a URL only the part after {@code ?}. */
    static String withoutQueryValues(String value) {
        int query = value.indexOf('?');
        boolean url = query >= 0;
        String head = url ? value.substring(0, query + 1) : "";
        String params = url ? value.substring(query + 1) : value;
        if (params.isEmpty()) {
            return value;
        }
        int fragment = params.indexOf('#');
        if (fragment >= 0) {
            params = params.substring(0, fragment);
        }
        StringBuilder out = new StringBuilder(head);
        String[] pairs = params.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            int equals = pairs[i].indexOf('=');
            out.append(equals >= 0 ? pairs[i].substring(0, equals + 1) + REDACTED : pairs[i]);
        }
        return out.toString();
    }

    static Attributes redactUrls(Attributes attributes) {
        AttributesBuilder builder = null;
        for (AttributeKey<String> key : URL_KEYS) {
            String value = attributes.get(key);
            if (value != null) {
                builder = builder == null ? attributes.toBuilder() : builder;
                builder.put(key, withoutQueryValues(value));
            }
        }
        return builder == null ? attributes : builder.build();
    }

    private static final class Redacted extends DelegatingSpanData {
        private final Attributes attributes;
        private final List<EventData> events;
        private final StatusData status;

        Redacted(SpanData span) {
            super(span);
            this.attributes = redactUrls(span.getAttributes());
            this.events = span.getEvents().stream().map(Redacted::event).toList();
            this.status = StatusData.create(span.getStatus().getStatusCode(), "");
        }

        private static EventData event(EventData event) {
            if (!"exception".equals(event.getName())) {
                return event;
            }
            String type = event.getAttributes().get(EXCEPTION_TYPE);
            Attributes kept = type == null ? Attributes.empty() : Attributes.of(EXCEPTION_TYPE, type);
            return EventData.create(event.getEpochNanos(), event.getName(), kept);
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }

        @Override
        public StatusData getStatus() {
            return status;
        }
    }
}
