package io.tollgate.testkit.logs;

import org.slf4j.LoggerFactory;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the incidents a service logs while open (common's {@code Incident}, logger
 * {@code io.tollgate.incident}): a real appender on the real Logback logger, attached by reflection
 * because Logback is only on the services' runtime class path.
 */
public final class IncidentCapture implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("^incident ([0-9a-f]{16}): ");
    private static final Pattern PUBLIC_MESSAGE = Pattern.compile("internal error \\(ref ([0-9a-f]{16})\\)");

    private final List<Logged> logged = new CopyOnWriteArrayList<>();
    private final Object logger = LoggerFactory.getLogger("io.tollgate.incident");
    private final Class<?> appenderType;
    private final Object appender;

    /**
     * One incident as logged.
     *
     * @param stackDepth how many frames of the logged exception's stack were written (0: none)
     * @param error      the logged exception's own message, to tell which failure it was
     */
    public record Logged(String id, String message, int stackDepth, String error) {
    }

    private IncidentCapture() {
        try {
            appenderType = Class.forName("ch.qos.logback.core.Appender");
            Object neutral = neutral();
            appender = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {appenderType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "doAppend" -> {
                            logged.add(toLogged(args[0]));
                            yield null;
                        }
                        case "getName", "toString" -> "incident-capture";
                        case "isStarted" -> true;
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "getFilterChainDecision" -> neutral;
                        default -> method.getReturnType() == boolean.class ? false : null;
                    });
            logger.getClass().getMethod("addAppender", appenderType).invoke(logger, appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the incident logger is not Logback's", e);
        }
    }

    /** Starts recording. */
    public static IncidentCapture start() {
        return new IncidentCapture();
    }

    /**
     * The correlation id of a caller's error text, which must be the incident's public message and
     * nothing else.
     *
     * @throws AssertionError when the text says anything more, or other
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
        try {
            logger.getClass().getMethod("detachAppender", appenderType).invoke(logger, appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Logged toLogged(Object event) throws ReflectiveOperationException {
        String message = (String) event.getClass().getMethod("getFormattedMessage").invoke(event);
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object neutral() throws ClassNotFoundException {
        return Enum.valueOf((Class) Class.forName("ch.qos.logback.core.spi.FilterReply"), "NEUTRAL");
    }
}
