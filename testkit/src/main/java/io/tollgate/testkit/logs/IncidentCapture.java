package io.tollgate.testkit.logs;

import java.lang.reflect.Array;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the incidents a service logs while open (common's {@code Incident}, logger
 * {@code io.tollgate.incident}): a real appender on the real Logback logger ({@link LogbackTap}).
 */
public final class IncidentCapture implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("^incident ([0-9a-f]{16}): ");
    private static final Pattern PUBLIC_MESSAGE = Pattern.compile("internal error \\(ref ([0-9a-f]{16})\\)");

    private final List<Logged> logged = new CopyOnWriteArrayList<>();
    private final LogbackTap tap;

    /**
     * One incident as logged.
     *
     * @param stackDepth how many frames of the logged exception's stack were written (0: none)
     * @param error      the logged exception's own message, to tell which failure it was
     */
    public record Logged(String id, String message, int stackDepth, String error) {
    }

    private IncidentCapture() {
        tap = LogbackTap.attach("io.tollgate.incident", "incident-capture", event -> logged.add(toLogged(event)));
    }

    /** Starts recording. */
    public static IncidentCapture start() {
        return new IncidentCapture();
    }

    /**
     * The correlation id of a caller's error text, which must be the incident's public message and
     * nothing else.
     *
     * @throws AssertionError when the text is anything else
     */
    public static String referenceIn(String text) {
        Matcher matcher = PUBLIC_MESSAGE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new AssertionError("not the generic incident message: " + text);
        }
        return matcher.group(1);
    }

    /** Every incident recorded so far. */
    public List<Logged> all() {
        return List.copyOf(logged);
    }

    /** The incidents recorded under this id (a correlation id is logged once: expect one). */
    public List<Logged> withId(String id) {
        return logged.stream().filter(l -> l.id().equals(id)).toList();
    }

    @Override
    public void close() {
        tap.close();
    }

    private static Logged toLogged(Object event) throws ReflectiveOperationException {
        String message = LogbackTap.formattedMessage(event);
        Matcher id = ID.matcher(message);
        Object thrown = event.getClass().getMethod("getThrowableProxy").invoke(event);
        int depth = 0;
        String error = null;
        if (thrown != null) {
            depth = Array.getLength(thrown.getClass().getMethod("getStackTraceElementProxyArray").invoke(thrown));
            error = (String) thrown.getClass().getMethod("getMessage").invoke(thrown);
        }
        return new Logged(id.find() ? id.group(1) : "", message, depth, error);
    }
}
