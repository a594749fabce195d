package io.tollgate.testkit.await;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a timeout passes; on timeout the test fails with the
 * caller's message. The timeout is a bound on a wait for an event, never the thing tested: a
 * condition that holds returns at once, however busy the machine.
 */
public final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** A condition; it may query a database or a server, so it may throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value read again on each poll; it may query a database or a server, so it may throw. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /**
     * Returns as soon as {@code condition} holds; fails the test with {@code message} after
     * {@code timeout}. An exception from the condition ends the wait at once.
     */
    public static void until(Condition condition, Duration timeout, String message) {
        until(condition, timeout, () -> message);
    }

    /**
     * As {@link #until(Condition, Duration, String)}, with a message made only on timeout (e.g. one
     * that describes the state the wait ended in).
     */
    public static void until(Condition condition, Duration timeout, Supplier<String> message) {
        value(condition::holds, Boolean::booleanValue, timeout, message);
    }

    /**
     * Returns the first value of {@code probe} that {@code accepted} takes; fails the test with
     * {@code message} and the last value seen after {@code timeout}. An exception from the probe
     * ends the wait at once.
     */
    public static <T> T value(Probe<T> probe, Predicate<? super T> accepted, Duration timeout, String message) {
        return value(probe, accepted, timeout, () -> message);
    }

    private static <T> T value(Probe<T> probe, Predicate<? super T> accepted, Duration timeout,
                               Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T current = read(probe, message);
            if (accepted.test(current)) {
                return current;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message.get() + " (not within " + timeout + "; last seen: " + current + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(message.get() + " (interrupted while waiting)", e);
            }
        }
    }

    private static <T> T read(Probe<T> probe, Supplier<String> message) {
        try {
            return probe.read();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("while waiting until " + message.get(), e);
        }
    }
}
