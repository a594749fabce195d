package io.tollgate.auth.service.extauthz;

import io.tollgate.testkit.net.FreePorts;
import io.grpc.ManagedChannel;
import io.tollgate.auth.MutableClock;
import io.tollgate.auth.RouterDouble;
import io.tollgate.auth.TestSupport;
import io.tollgate.auth.config.ExtAuthzConfig;
import io.tollgate.auth.config.TenantStatusConfig;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.tenant.RouterTenantStatusLookup;
import io.tollgate.auth.tenant.TenantAdmission;
import io.tollgate.auth.tenant.TenantStanding;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ext_authz's tenant check against a real gRPC RouterService: answers reused for a while, failures never. */
class TenantGateTest {
    private final RouterDouble router = RouterDouble.withActiveTenants("acme");
    private final MutableClock clock = new MutableClock();
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        router.close();
    }

    private TenantGate gate(int routerPort, Duration ttl) {
        channel = InternalCertificates.shared().channel(routerPort, "auth-service", "router-service");
        TenantAdmission admission = new TenantAdmission(new RouterTenantStatusLookup(
                RouterServiceGrpc.newBlockingStub(channel), new TenantStatusConfig(Duration.ofSeconds(1))));
        return new TenantGate(admission, new ExtAuthzConfig(true, null, null, null, null, ttl, 8192), clock);
    }

    @Test
    void anAnswerIsReusedForTheCacheLifetimeThenAskedAgain() throws Exception {
        TenantGate gate = gate(router.port(), Duration.ofSeconds(5));

        assertEquals(TenantStanding.ACTIVE, gate.standing("acme"));
        router.set("acme", TenantStatus.TENANT_STATUS_SUSPENDED);
        assertEquals(TenantStanding.ACTIVE, gate.standing("acme"));
        assertEquals(1, router.resolveCalls("acme"));

        clock.advance(Duration.ofSeconds(6));
        assertEquals(TenantStanding.SUSPENDED, gate.standing("acme"));
        assertEquals(2, router.resolveCalls("acme"));
    }

    @Test
    void theTenantIsAskedEveryTimeWhenTheLifetimeIsZero() throws Exception {
        TenantGate gate = gate(router.port(), Duration.ZERO);

        gate.standing("acme");
        gate.standing("acme");

        assertEquals(2, router.resolveCalls("acme"));
    }

    @Test
    void anUnreachableRegistryIsNeverCachedAndAlwaysRefuses() {
        TenantGate gate = gate(FreePorts.freePort(), Duration.ofSeconds(5));

        assertThrows(TenantStatusUnavailableException.class, () -> gate.standing("acme"));
        assertThrows(TenantStatusUnavailableException.class, () -> gate.standing("acme"));
        assertEquals(TenantStanding.ACTIVE, uncheckedStanding(gate, "platform"));
    }

    private static TenantStanding uncheckedStanding(TenantGate gate, String tenant) {
        try {
            return gate.standing(tenant);
        } catch (TenantStatusUnavailableException e) {
            throw new AssertionError(e);
        }
    }
}
