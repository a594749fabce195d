package io.tollgate.flight.tenant;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.proto.router.v1.BackendLogins;
import io.tollgate.proto.router.v1.Credentials;
import io.tollgate.proto.router.v1.SqlBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a route's logins are read from router-service's wire form. */
class TenantRouteLoginsTest {
    private static Credentials login(String username) {
        return Credentials.newBuilder().setUsername(username).setPassword("pw-" + username).build();
    }

    @Test
    void eachAccessClassGetsTheLoginTheRegistrySendsForIt() {
        TenantRoute.Logins logins = TenantRoutes.logins(SqlBackend.newBuilder().setCredentials(login("acme_app"))
                .setLogins(BackendLogins.newBuilder().setReader(login("acme_reader")).setWriter(login("acme_writer"))
                        .setAdmin(login("acme_app"))).build());

        assertEquals(new TenantRoute.Login("acme_reader", "pw-acme_reader"), logins.of(AccessClass.READER));
        assertEquals(new TenantRoute.Login("acme_writer", "pw-acme_writer"), logins.of(AccessClass.WRITER));
        assertEquals(new TenantRoute.Login("acme_app", "pw-acme_app"), logins.of(AccessClass.ADMIN));
    }

    @Test
    void aRegistryThatSendsNoLoginsRunsEveryClassAsTheOwnerLogin() {
        TenantRoute.Logins logins = TenantRoutes.logins(SqlBackend.newBuilder().setCredentials(login("acme_app"))
                .build());

        for (AccessClass accessClass : AccessClass.values()) {
            assertEquals("acme_app", logins.of(accessClass).username());
        }
    }

    @Test
    void aClassLoginWithoutAUsernameMakesTheRouteUnusable() {
        SqlBackend backend = SqlBackend.newBuilder().setCredentials(login("acme_app"))
                .setLogins(BackendLogins.newBuilder().setWriter(login("acme_writer")).setAdmin(login("acme_app")))
                .build();

        assertEquals(TenantUnavailableException.Kind.MISCONFIGURED,
                assertThrows(TenantUnavailableException.class, () -> TenantRoutes.logins(backend)).kind());
    }

    @Test
    void aRouteNeverPrintsAPassword() {
        TenantRoute.Login login = new TenantRoute.Login("acme_reader", "s3cret");
        assertEquals(false, login.toString().contains("s3cret"));
        assertEquals(false, TenantRoute.Logins.shared(login).toString().contains("s3cret"));
    }
}
