package io.tollgate.connect.session;

import com.google.protobuf.ByteString;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.tenant.AccountName;
import io.tollgate.connect.proto.UserContext;

/**
 * The user a backend sees for a caller: {@code user_id} is the verified subject as
 * {@code name@tenant} (a service client's id gets its tenant appended), {@code user_name} the name
 * within the tenant. Spark keys its sessions by user id and session id, so two principals never
 * share a server-side session, whatever session id they present.
 *
 * @param userId      {@code name@tenant}
 * @param accountName the name within the tenant
 */
public record VerifiedUser(String userId, String accountName) {

    public static VerifiedUser of(Principal principal) {
        return AccountName.parse(principal.subject())
                .filter(name -> name.tenantId().equals(principal.tenantId()))
                .map(name -> new VerifiedUser(name.toString(), name.name()))
                .orElseGet(() -> new VerifiedUser(principal.subject() + "@" + principal.tenantId(), principal.subject()));
    }

    /** The serialized {@code spark.connect.UserContext}: the ids above and no extensions. */
    public ByteString userContext() {
        return UserContext.newBuilder().setUserId(userId).setUserName(accountName).build().toByteString();
    }
}
