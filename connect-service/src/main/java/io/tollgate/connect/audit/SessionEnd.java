package io.tollgate.connect.audit;

import java.util.Locale;

/** Why a session stopped counting on this replica: the {@code reason} of a {@code spark.session.end} event. */
public enum SessionEnd {
    /** ReleaseSession succeeded and the session's last call has ended. */
    RELEASED,
    /** No call named it for {@code session-idle-timeout}. */
    IDLE,
    /** It was a CloneSession's new session, and Spark refused the clone. */
    CLONE_REFUSED,
    /** The replica stopped while the session was open. */
    SHUTDOWN;

    /** As written in the event: {@code released}, {@code idle}, {@code clone-refused}, {@code shutdown}. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
