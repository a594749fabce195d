package io.tollgate.connect.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.tollgate.common.audit.AuditLine;
import io.tollgate.testkit.await.Await;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An audit sink that stops taking lines, as a stalled log pipeline does: a real Logback appender on
 * the audit logger that holds the thread writing the first line containing a given text until
 * {@link #release()}d (the trail's own asynchronous appender makes its caller wait likewise once
 * its queue is full). Lines before it are written to the logger's other appenders first.
 */
public final class BlockingAuditSink extends UnsynchronizedAppenderBase<ILoggingEvent> implements AutoCloseable {
    private final String blockOn;
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLine.LOGGER);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private BlockingAuditSink(String blockOn) {
        this.blockOn = blockOn;
    }

    /** Attaches a sink that blocks on the first audit line containing {@code text}. */
    public static BlockingAuditSink blockingOn(String text) {
        BlockingAuditSink sink = new BlockingAuditSink(text);
        sink.setName("blocking-audit-sink");
        sink.setContext(sink.logger.getLoggerContext());
        sink.start();
        sink.logger.addAppender(sink);
        return sink;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (released.getCount() > 0 && event.getFormattedMessage().contains(blockOn)) {
            blocked.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until a thread is held writing the line. */
    public void awaitBlocked(Duration timeout) {
        Await.until(() -> blocked.getCount() == 0, timeout, "a thread writing an audit line containing " + blockOn);
    }

    /** Lets the held thread go, and every line after it through. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        logger.detachAppender(this);
        stop();
    }
}
