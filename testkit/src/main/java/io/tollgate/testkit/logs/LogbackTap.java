package io.tollgate.testkit.logs;

import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A real appender on one real Logback logger, handing each event to a consumer until closed.
 * Logback is only on the services' runtime class path, so the appender is a proxy of its
 * {@code Appender} interface, attached by reflection; events reach the consumer as Logback's own
 * {@code ILoggingEvent}s, read by reflection too.
 */
final class LogbackTap implements AutoCloseable {
    private final Object logger;
    private final Class<?> appenderType;
    private final Object appender;

    /** An event could not be read. */
    interface EventReader {
        void accept(Object event) throws ReflectiveOperationException;
    }

    private LogbackTap(String loggerName, String name, EventReader onEvent) {
        logger = LoggerFactory.getLogger(loggerName);
        try {
            appenderType = Class.forName("ch.qos.logback.core.Appender");
            Object neutral = neutral();
            appender = Proxy.newProxyInstance(LogbackTap.class.getClassLoader(), new Class<?>[] {appenderType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "doAppend" -> {
                            onEvent.accept(args[0]);
                            yield null;
                        }
                        case "getName", "toString" -> name;
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

    /** Starts handing {@code loggerName}'s events to {@code onEvent}. */
    static LogbackTap attach(String loggerName, String name, EventReader onEvent) {
        return new LogbackTap(loggerName, name, onEvent);
    }

    /** The event's message with its arguments filled in. */
    static String formattedMessage(Object event) throws ReflectiveOperationException {
        return (String) event.getClass().getMethod("getFormattedMessage").invoke(event);
    }

    @Override
    public void close() {
        try {
            logger.getClass().getMethod("detachAppender", appenderType).invoke(logger, appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object neutral() throws ClassNotFoundException {
        return Enum.valueOf((Class) Class.forName("ch.qos.logback.core.spi.FilterReply"), "NEUTRAL");
    }
}
