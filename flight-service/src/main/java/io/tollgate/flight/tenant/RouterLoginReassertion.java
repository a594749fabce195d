package io.tollgate.flight.tenant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.proto.router.v1.ReassertBackendLoginRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Re-asserts a refused backend login through router-service, which owns the passwords. */
@Singleton
public class RouterLoginReassertion implements BackendLoginReassertion {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLoginReassertion.class);

    private final RouterServiceGrpc.RouterServiceBlockingStub router;

    public RouterLoginReassertion(RouterServiceGrpc.RouterServiceBlockingStub router) {
        this.router = router;
    }

    @Override
    public boolean reassert(String tenantId, AccessClass accessClass) {
        try {
            router.withDeadlineAfter(10, TimeUnit.SECONDS).reassertBackendLogin(ReassertBackendLoginRequest.newBuilder()
                    .setTenantId(tenantId).setAccessClass(accessClass.wireName()).build());
            LOG.warn("tenant {}: the backend refused the {} login; router-service set its password again", tenantId,
                    accessClass.wireName());
            return true;
        } catch (StatusRuntimeException e) {
            // Asked again too soon: a concurrent caller's request has just set it.
            if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                return true;
            }
            LOG.warn("tenant {}: the backend refused the {} login and router-service could not set it again ({})",
                    tenantId, accessClass.wireName(), e.getStatus().getCode());
            return false;
        }
    }
}
