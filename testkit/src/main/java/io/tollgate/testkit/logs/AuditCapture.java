package io.tollgate.testkit.logs;

import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the service writes to the audit logger ({@code io.tollgate.audit}), or to another
 * logger of ours ({@link #of}), while open: a real appender attached to the real Logback logger. Logback is only on the runtime class path,
 * so the appender is a proxy of its {@code Appender} interface, attached by reflection.
 */
public final class AuditCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Object logger;
    private final Class<?> appenderType;
    private final Object appender;

    private AuditCapture(String loggerName) {
        logger = LoggerFactory.getLogger(loggerName);
        try {
            appenderType = Class.forName("ch.qos.logback.core.Appender");
            Object neutral = neutral();
            appender = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {appenderType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "doAppend" -> {
                            lines.add(formatted(args[0]));
                            yield null;
                        }
                        case "getName", "toString" -> "audit-capture";
                        case "isStarted" -> true;
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "getFilterChainDecision" -> neutral;
                        default -> method.getReturnType() == boolean.class ? false : null;
                    });
            logger.getClass().getMethod("addAppender", appenderType).invoke(logger, appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the logger " + loggerName + " is not Logback's", e);
        }
    }

    /** Starts recording. */
    public static AuditCapture start() {
        return new AuditCapture("io.tollgate.audit");
    }

    /** Starts recording another logger (e.g. {@code io.tollgate.incident}, where incidents are logged). */
    public static AuditCapture of(String loggerName) {
        return new AuditCapture(loggerName);
    }

    /** The lines recorded so far, formatted. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The recorded lines of one event ({@code event=<name>}). */
    public List<String> events(String name) {
        return lines.stream().filter(line -> line.startsWith("event=" + name + " ")).toList();
    }

    @Override
    public void close() {
        try {
            logger.getClass().getMethod("detachAppender", appenderType).invoke(logger, appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formatted(Object event) throws ReflectiveOperationException {
        Method message = event.getClass().getMethod("getFormattedMessage");
        return (String) message.invoke(event);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object neutral() throws ClassNotFoundException {
        return Enum.valueOf((Class) Class.forName("ch.qos.logback.core.spi.FilterReply"), "NEUTRAL");
    }
}
