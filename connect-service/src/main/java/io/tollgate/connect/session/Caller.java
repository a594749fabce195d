package io.tollgate.connect.session;

import com.google.protobuf.ByteString;
import io.tollgate.common.auth.Principal;

/**
 * An authenticated caller whose tenant was admitted when its call began.
 *
 * @param principal   the verified token's principal
 * @param user        the user its requests carry to the backend
 * @param userContext {@link VerifiedUser#userContext()}, serialized once per call
 */
public record Caller(Principal principal, VerifiedUser user, ByteString userContext) {

    static Caller of(Principal principal) {
        VerifiedUser user = VerifiedUser.of(principal);
        return new Caller(principal, user, user.userContext());
    }

    public String tenantId() {
        return principal.tenantId();
    }
}
