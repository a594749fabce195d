package io.tollgate.auth.persistence;

import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Consecutive failed logins and lock-outs, stored on the account row so that every replica sees
 * the same count and the same lock.
 */
@Singleton
public class LoginFailureStore {
    private final Jdbc jdbc;

    public LoginFailureStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome of counting one failure. */
    public record Failure(int consecutiveFailures, Optional<Instant> lockedUntil) {
    }

    /**
     * Counts one more failed login and, if the policy says so for the new count, locks the
     * account. The increment and the lock happen under the row lock of one transaction, so
     * concurrent failures on several replicas each count.
     *
     * @param lockFor what the lock-out policy decides for a count of consecutive failures
     */
    public Failure recordFailure(long accountId, IntFunction<Optional<Instant>> lockFor) {
        return jdbc.write("record a failed login", connection -> {
            int count;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins")) {
                update.setLong(1, accountId);
                try (ResultSet rs = update.executeQuery()) {
                    if (!rs.next()) {
                        return new Failure(0, Optional.empty());
                    }
                    count = rs.getInt(1);
                }
            }
            Optional<Instant> until = lockFor.apply(count);
            if (until.isPresent()) {
                try (PreparedStatement lock = connection.prepareStatement(
                        "UPDATE accounts SET locked_until = ? WHERE id = ?")) {
                    Jdbc.setInstant(lock, 1, until.get());
                    lock.setLong(2, accountId);
                    lock.executeUpdate();
                }
            }
            return new Failure(count, until);
        });
    }

    /** Forgets the failures after a successful login; writes nothing when there were none. */
    public void reset(long accountId) {
        jdbc.write("reset failed logins", connection -> {
            try (PreparedStatement reset = connection.prepareStatement(
                    "UPDATE accounts SET failed_logins = 0, locked_until = NULL "
                            + "WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")) {
                reset.setLong(1, accountId);
                return reset.executeUpdate();
            }
        });
    }
}
