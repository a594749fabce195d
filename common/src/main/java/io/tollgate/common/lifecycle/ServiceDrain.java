package io.tollgate.common.lifecycle;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drains every server of this replica at once, within {@code tollgate.shutdown.drain-period}: all
 * stop taking new work, the work in flight finishes (or the period ends), then what is left is cut.
 * By the time it returns, the application context can stop without interrupting a caller.
 */
@Singleton
public class ServiceDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDrain.class);

    private final List<Drainable> servers;
    private final InFlightCalls inFlight;
    private final Duration period;

    public ServiceDrain(List<Drainable> servers, InFlightCalls inFlight, ShutdownConfig config) {
        this.servers = servers;
        this.inFlight = inFlight;
        this.period = config.drainPeriod();
    }

    /**
     * Drains, waiting at most the drain period.
     *
     * @return whether all work in flight finished (false: some was cut at the deadline)
     */
    public boolean drain() throws InterruptedException {
        Instant deadline = Instant.now().plus(period);
        LOG.info("Draining before stopping: new work is refused; {} gRPC call(s) in flight; up to {}",
                inFlight.count(), period);
        boolean idle = true;
        for (Drainable server : servers) {
            idle &= attempt(server, "stop accepting", server::stopAccepting);
        }
        for (Drainable server : servers) {
            if (!server.awaitIdle(deadline)) {
                LOG.warn("{}: work still in flight after the drain period ({}); cutting it", server.name(), period);
                idle = false;
            }
        }
        for (Drainable server : servers) {
            idle &= attempt(server, "stop", server::stopNow);
        }
        if (idle) {
            LOG.info("Drained: all work in flight finished");
        }
        return idle;
    }

    /** One server's failure must not leave the others undrained. */
    private static boolean attempt(Drainable server, String step, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            LOG.error("{}: could not {}", server.name(), step, e);
            return false;
        }
    }
}
