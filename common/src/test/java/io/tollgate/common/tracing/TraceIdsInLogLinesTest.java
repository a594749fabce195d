package io.tollgate.common.tracing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console appender every service's Logback configuration includes (common's
 * {@code tollgate-logback/console.xml}), configured as a service configures it: a line logged while
 * a call's span is current carries its trace and span ids, a line outside any call none; lines of
 * text, or JSON objects where {@code MICRONAUT_ENVIRONMENTS} names the cluster environment.
 */
class TraceIdsInLogLinesTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private Tracing tracing;

    @BeforeEach
    void captureConsole() {
        systemOut = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "svc");
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(systemOut);
        tracing.close();
    }

    @Test
    void aTextLineCarriesTheTraceAndSpanIdsOfTheCallBeingServed() throws Exception {
        Logger log = configured("").getLogger("io.tollgate.example");
        Span span = loggedInsideACall(log);
        log.info("outside any call");

        String[] lines = console.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, console::toString);
        assertTrue(lines[0].contains("trace_id=" + span.getSpanContext().getTraceId() + " span_id="
                + span.getSpanContext().getSpanId() + " - inside the call"), lines[0]);
        assertFalse(lines[1].contains("trace_id"), lines[1]);
        assertTrue(lines[1].endsWith("io.tollgate.example - outside any call"), lines[1]);
    }

    @Test
    void inTheClusterEnvironmentALineIsAJsonObjectWithTheIdsAsFields() throws Exception {
        Logger log = configured("k8s,cluster").getLogger("io.tollgate.example");
        Span span = loggedInsideACall(log);

        JsonNode line = new ObjectMapper().readTree(console.toString(StandardCharsets.UTF_8).strip());
        assertEquals(span.getSpanContext().getTraceId(), line.path("trace_id").asText());
        assertEquals(span.getSpanContext().getSpanId(), line.path("span_id").asText());
        assertEquals("inside the call", line.path("message").asText());
        assertEquals("INFO", line.path("level").asText());
        assertEquals("io.tollgate.example", line.path("logger_name").asText());
    }

    /** Logs "inside the call" while a call's span is current, as a service's code does; the span. */
    private Span loggedInsideACall(Logger log) {
        Span span = tracing.internal().getTracer("test").spanBuilder("call").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            log.info("inside the call");
        } finally {
            span.end();
        }
        return span;
    }

    /**
     * A Logback context of its own (the test JVM's stays as it is), configured as a service's file
     * is, with {@code MICRONAUT_ENVIRONMENTS} as given (a context property: Logback looks there
     * before the process environment).
     */
    private static LoggerContext configured(String environments) throws JoranException {
        String xml = "<configuration><include resource=\"tollgate-logback/console.xml\"/>"
                + "<root level=\"INFO\"><appender-ref ref=\"CONSOLE\"/></root></configuration>";
        LoggerContext context = new LoggerContext();
        context.putProperty("MICRONAUT_ENVIRONMENTS", environments);
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the process's own context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(context.getStatusManager().getCopyOfStatusList().stream().noneMatch(s -> s.getLevel() >= ch.qos.logback.core.status.Status.WARN),
                () -> "Logback accepted the configuration: " + context.getStatusManager().getCopyOfStatusList());
        return context;
    }
}
