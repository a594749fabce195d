package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queries this replica is streaming, by the handle they were started with, so that a client
 * can cancel one. Cancelling asks PostgreSQL to stop the statement and stops the stream at the
 * next batch (a query between two fetches is not executing, so PostgreSQL alone would not stop it).
 * Only the tenant and subject that started a query can cancel it.
 */
@Singleton
public class RunningStatements {
    private static final Logger LOG = LoggerFactory.getLogger(RunningStatements.class);

    private final Set<Run> running = ConcurrentHashMap.newKeySet();

    /** The key under which a query started with this signed handle runs (a digest, never the handle). */
    public static String keyOf(byte[] signedHandle) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signedHandle);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a query as running until the returned run is closed. */
    public Run start(String key, Principal principal, Statement statement) {
        Run run = new Run(key, principal.tenantId(), principal.subject(), statement);
        running.add(run);
        return run;
    }

    /** Cancels the principal's queries running under this key; returns how many. */
    public int cancel(String key, Principal principal) {
        int cancelled = 0;
        for (Run run : running) {
            if (run.key.equals(key) && run.tenantId.equals(principal.tenantId())
                    && run.subject.equals(principal.subject())) {
                run.cancel();
                cancelled++;
            }
        }
        return cancelled;
    }

    /** One running query. */
    public final class Run implements AutoCloseable {
        private final String key;
        private final String tenantId;
        private final String subject;
        private final Statement statement;
        private volatile Runnable alsoOnCancel = () -> { };
        private volatile boolean cancelled;

        private Run(String key, String tenantId, String subject, Statement statement) {
            this.key = key;
            this.tenantId = tenantId;
            this.subject = subject;
            this.statement = statement;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        /**
         * What else stops this query when it is cancelled: work that runs on the statement's
         * connection without the statement (a COPY) is not stopped by cancelling the statement.
         */
        public void alsoOnCancel(Runnable action) {
            alsoOnCancel = action;
            if (cancelled) {
                action.run();
            }
        }

        /** Stops the query: in PostgreSQL if it is executing, and in the stream at its next batch. */
        public void cancel() {
            cancelled = true;
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.debug("cancelling a statement failed: {}", e.getMessage());
            }
            alsoOnCancel.run();
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }
}
