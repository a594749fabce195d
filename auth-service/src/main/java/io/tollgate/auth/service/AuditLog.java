package io.tollgate.auth.service;

import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of logins, on logger {@code io.tollgate.audit} so that it can be routed apart.
 * It records who tried, from where, and why a login failed; never a password or a token.
 */
@Singleton
public class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("io.tollgate.audit");
    private static final int MAX_FIELD = 200;

    /** Why a login failed; for operators only, never told to the caller. */
    public enum FailureReason { MALFORMED_NAME, BLANK_PASSWORD, UNKNOWN_ACCOUNT, WRONG_PASSWORD, DISABLED }

    public void loginSucceeded(AccountName account, String clientAddress) {
        AUDIT.info("login succeeded tenant={} subject={} client={}",
                account.tenantId(), account, clean(clientAddress));
    }

    public void loginFailed(AccountName account, String clientAddress, FailureReason reason) {
        AUDIT.info("login failed tenant={} subject={} client={} reason={}",
                account.tenantId(), account, clean(clientAddress), reason);
    }

    /**
     * A name that does not parse is not logged: it is often a password typed into the wrong
     * field.
     */
    public void loginFailedMalformedName(String clientAddress) {
        AUDIT.info("login failed tenant=- subject=- client={} reason={}",
                clean(clientAddress), FailureReason.MALFORMED_NAME);
    }

    // The client address is caller-supplied text: keep it on one line and short.
    private static String clean(String text) {
        if (text == null || text.isBlank()) {
            return "-";
        }
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]", "_");
        return oneLine.length() > MAX_FIELD ? oneLine.substring(0, MAX_FIELD) + "..." : oneLine;
    }
}
