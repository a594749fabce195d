package io.tollgate.common.lifecycle;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts a service and makes SIGTERM (what Kubernetes, and {@code Process.destroy()}, send) a
 * graceful stop: drain ({@link ServiceDrain}), then stop the application context, then exit 0, or
 * 1 when work had to be cut at the end of the drain period. The JVM's own handling of SIGTERM
 * would run the shutdown hooks at once, closing servers under requests in flight, and exit 143.
 * Other signals (Ctrl-C) keep the JVM's handling.
 */
public final class ServiceMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);
    private static final AtomicBoolean TERMINATING = new AtomicBoolean();

    private ServiceMain() {
    }

    /** Runs {@code application}'s Micronaut context, as {@code Micronaut.run} does, draining on SIGTERM. */
    public static ApplicationContext run(Class<?> application, String... args) {
        ApplicationContext context = Micronaut.run(application, args);
        Signal.handle(new Signal("TERM"), signal -> terminate(context));
        return context;
    }

    private static void terminate(ApplicationContext context) {
        if (!TERMINATING.compareAndSet(false, true)) {
            return;
        }
        boolean drained = false;
        try {
            drained = context.getBean(ServiceDrain.class).drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Draining failed; stopping anyway", e);
        }
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.error("Stopping the application context failed", e);
            drained = false;
        }
        System.exit(drained ? 0 : 1);
    }
}
