package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader and writer classes' own logins, through the admin API and the routes. */
@MicronautTest(transactional = false)
class ClassLoginsApiTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    private static final String URL = "jdbc:postgresql://db.example:5432/shared";

    private SqlBackend routed(String id) {
        return RouterServiceGrpc.newBlockingStub(channel())
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(id).build())
                .getTenant().getSqlBackend();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> logins(String id) {
        return (Map<String, Object>) ((Map<String, Object>) admin().get(PATH + "/" + id).json().get("sqlBackend"))
                .get("logins");
    }

    private static String withLogins(String id, String readerPassword, String writerPassword) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"%s","isolationMode":"DEDICATED",
                   "credentials":{"username":"%s_owner","password":"pw-owner"},
                   "logins":{"reader":{"username":"%s_reader","password":"%s"},
                             "writer":{"username":"%s_writer","password":"%s"}}}}"""
                .formatted(id, URL, id, id, readerPassword, id, writerPassword);
    }

    @Test
    void eachClassLoginIsRoutedWithItsPasswordAndReadWithItMasked() {
        Response created = admin().post(PATH, withLogins("hooli", "pw-hooli-reader", "pw-hooli-writer"));
        assertEquals(201, created.status(), created::toString);

        SqlBackend backend = routed("hooli");
        assertEquals("hooli_reader:pw-hooli-reader", backend.getLogins().getReader().getUsername() + ":"
                + backend.getLogins().getReader().getPassword());
        assertEquals("hooli_writer:pw-hooli-writer", backend.getLogins().getWriter().getUsername() + ":"
                + backend.getLogins().getWriter().getPassword());
        assertEquals("hooli_owner:pw-owner", backend.getLogins().getAdmin().getUsername() + ":"
                + backend.getLogins().getAdmin().getPassword());
        assertEquals(backend.getLogins().getAdmin(), backend.getCredentials(), "credentials stay the owner login");

        assertEquals(Map.of("reader", Map.of("username", "hooli_reader", "passwordRef", "literal:***"),
                "writer", Map.of("username", "hooli_writer", "passwordRef", "literal:***")), logins("hooli"));
        for (Response read : List.of(admin().get(PATH + "/hooli"), admin().get(PATH + "/hooli/history"))) {
            assertFalse(read.body().contains("pw-hooli"), read.body());
        }
    }

    @Test
    void aTenantWithoutClassLoginsRoutesEveryClassAsTheOwnerLoginAndShowsNone() {
        assertEquals(201, admin().post(PATH, Tenants.withPassword("pied-piper", "pw-pied")).status());

        SqlBackend backend = routed("pied-piper");
        for (var login : List.of(backend.getLogins().getReader(), backend.getLogins().getWriter(),
                backend.getLogins().getAdmin())) {
            assertEquals("pied_piper_app:pw-pied", login.getUsername() + ":" + login.getPassword());
        }
        Map<String, Object> logins = logins("pied-piper");
        assertNull(logins.get("reader"));
        assertNull(logins.get("writer"));
    }

    @Test
    void badClassLoginsAreRefusedNamingEachField() {
        String body = """
                {"id":"bachman","sqlBackend":{"jdbcUrl":"%s","isolationMode":"DEDICATED",
                   "credentials":{"username":"bachman_owner","password":"pw"},
                   "logins":{"reader":{"username":"1bad name"},
                             "writer":{"username":"bachman_owner","passwordRef":"secret:NS/x"}}}}""".formatted(URL);

        Response refused = admin().post(PATH, body);

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("sqlBackend.logins.reader.username", "sqlBackend.logins.reader.password",
                "sqlBackend.logins.writer.passwordRef"), refused.problemFields());
        String sameAsOwner = body.replace("\"passwordRef\":\"secret:NS/x\"", "\"password\":\"pw\"")
                .replace("\"1bad name\"", "\"bachman_reader\",\"password\":\"pw\"");
        Response shared = admin().post(PATH, sameAsOwner);
        assertEquals(List.of("sqlBackend.logins.writer.username"), shared.problemFields(), shared::toString);
        assertFalse(refused.body().contains("NS/x"), "a reference is never echoed");
    }

    @Test
    void aPutThatLeavesClassPasswordsOutKeepsThemAndOneThatLeavesLoginsOutKeepsTheLogins() {
        Response created = admin().post(PATH, withLogins("aviato", "pw-aviato-r1", "pw-aviato-w1"));
        String withoutReaderPassword = withLogins("aviato", "x", "pw-aviato-w2")
                .replace(",\"password\":\"x\"", "");

        Response kept = admin().put(PATH + "/aviato", withoutReaderPassword, created.etag());
        assertEquals(200, kept.status(), kept::toString);
        assertEquals("pw-aviato-r1", routed("aviato").getLogins().getReader().getPassword());
        assertEquals("pw-aviato-w2", routed("aviato").getLogins().getWriter().getPassword());

        String withoutLogins = """
                {"id":"aviato","sqlBackend":{"jdbcUrl":"%s","isolationMode":"SHARED_RLS",
                   "credentials":{"username":"aviato_owner"}}}""".formatted(URL);
        Response loginsKept = admin().put(PATH + "/aviato", withoutLogins, kept.etag());
        assertEquals(200, loginsKept.status(), loginsKept::toString);
        assertEquals("aviato_reader", routed("aviato").getLogins().getReader().getUsername());
        assertEquals("pw-aviato-w2", routed("aviato").getLogins().getWriter().getPassword());
    }

    @Test
    void aPutThatGivesAClassLoginWithoutPasswordForAClassThatHadNoneIsRefused() {
        Response created = admin().post(PATH, Tenants.withPassword("raviga", "pw-raviga"));
        String body = Tenants.withPassword("raviga", "pw-raviga").replace("\"credentials\"",
                "\"logins\":{\"reader\":{\"username\":\"raviga_reader\"}},\"credentials\"");

        Response refused = admin().put(PATH + "/raviga", body, created.etag());

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("sqlBackend.logins.reader.password"), refused.problemFields());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryRecordsClassLoginChangesWithEveryPasswordMasked() {
        Response created = admin().post(PATH, withLogins("endframe", "pw-endframe-r1", "pw-endframe-w1"));
        admin().put(PATH + "/endframe", withLogins("endframe", "pw-endframe-r2", "pw-endframe-w1"), created.etag());

        Response history = admin().get(PATH + "/endframe/history");

        assertFalse(history.body().contains("pw-endframe"), history.body());
        List<Map<String, Object>> changes = (List<Map<String, Object>>) history.json().get("changes");
        Map<String, Object> set = (Map<String, Object>) changes.get(0).get("description");
        assertEquals("endframe_reader", ((Map<String, Object>) set.get("set")).get("sqlBackend.logins.reader.username"));
        Map<String, Object> changed = (Map<String, Object>) ((Map<String, Object>) changes.get(1).get("description"))
                .get("changed");
        assertEquals(Map.of("sqlBackend.logins.reader.passwordRef", Map.of("from", "literal:***", "to", "literal:***")),
                changed);
        assertTrue(new HashMap<>(set).toString().contains("literal:***"));
    }
}
