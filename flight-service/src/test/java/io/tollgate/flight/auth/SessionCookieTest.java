package io.tollgate.flight.auth;

import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCookieTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3QGFjbWUifQ.c2lnbmF0dXJl-_x";

    private static List<String> values(String... headers) {
        return SessionCookie.values(Arrays.asList(headers));
    }

    @Test
    void setCookieCarriesTheTokenAndItsRemainingLifetime() {
        assertEquals("tollgate_session=" + JWT + "; Max-Age=600", SessionCookie.setCookie(JWT, 600));
    }

    @Test
    void setCookieRefusesWhatCannotBeAValidCookie() {
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.setCookie(JWT, 0));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.setCookie(JWT, -5));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.setCookie("a;b", 60));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.setCookie("", 60));
        assertFalse(SessionCookie.canCarry("with space"));
        assertFalse(SessionCookie.canCarry("quote\"d"));
        assertFalse(SessionCookie.canCarry("comma,"));
        assertFalse(SessionCookie.canCarry("x".repeat(SessionCookie.MAX_HEADER_CHARS + 1)));
        assertFalse(SessionCookie.canCarry(null));
        assertTrue(SessionCookie.canCarry(JWT));
    }

    /**
     * What arrow-java's ClientCookieMiddleware does with our header: java.net.HttpCookie reads
     * Max-Age as an RFC 2965 (version 1) cookie, keeps it, and sends it back quoted. Secure and
     * HttpOnly would only set flags the middleware never reads; we send neither.
     */
    @Test
    void theCookieArrowJavaSendsBackIsReadBack() {
        List<HttpCookie> parsed = HttpCookie.parse(SessionCookie.setCookie(JWT, 600));
        assertEquals(1, parsed.size());
        HttpCookie cookie = parsed.get(0);
        assertEquals(SessionCookie.NAME, cookie.getName());
        assertEquals(JWT, cookie.getValue());
        assertEquals(600, cookie.getMaxAge());
        assertFalse(cookie.hasExpired());
        assertFalse(cookie.getSecure());
        assertEquals("tollgate_session=\"" + JWT + "\"", cookie.toString());
        assertEquals(List.of(JWT), values(cookie.toString()));
        // The middleware joins all of its cookies with "; ".
        assertEquals(List.of(JWT), values("other=\"1\"; " + cookie + "; third=3"));
    }

    @Test
    void findsTheValueAmongOtherCookiesWithOrWithoutSpacesOrQuotes() {
        assertEquals(List.of(JWT), values("tollgate_session=" + JWT));
        assertEquals(List.of(JWT), values("a=1;tollgate_session=" + JWT + ";b=2"));
        assertEquals(List.of(JWT), values("  a = 1 ;   tollgate_session =  \"" + JWT + "\"  ; b"));
        assertEquals(List.of(JWT), values("$Version=\"1\"; tollgate_session=\"" + JWT + "\";$Path=\"/\""));
        assertEquals(List.of(JWT), values("a=1", "tollgate_session=" + JWT), "cookie split over several headers");
    }

    @Test
    void otherNamesAndMalformedPairsAreIgnored() {
        assertEquals(List.of(), values("Tollgate_Session=" + JWT), "names are case-sensitive");
        assertEquals(List.of(), values("tollgate_session_old=" + JWT + "; xtollgate_session=" + JWT));
        assertEquals(List.of(), values("tollgate_session"));
        assertEquals(List.of(), values("tollgate_session="));
        assertEquals(List.of(), values("tollgate_session=\"\""));
        assertEquals(List.of(), values("tollgate_session=\"" + JWT), "unbalanced quote");
        assertEquals(List.of(), values("tollgate_session=a b"));
        assertEquals(List.of(), values("tollgate_session=a\\b"));
        assertEquals(List.of(), values("tollgate_session=caf\u00e9"));
        assertEquals(List.of(JWT), values(";;=;tollgate_session=;junk;tollgate_session=" + JWT + ";"));
        assertEquals(List.of(), values(""));
        assertEquals(List.of(), SessionCookie.values(null));
        assertEquals(List.of(), SessionCookie.values(Arrays.asList((String) null)));
    }

    @Test
    void reportsEveryDistinctValueOnce() {
        assertEquals(List.of(JWT), values("tollgate_session=" + JWT + "; tollgate_session=\"" + JWT + "\""));
        assertEquals(List.of("a", "b"), values("tollgate_session=a; tollgate_session=b", "tollgate_session=a"));
    }

    @Test
    void readsNoMoreThanTheCapAndNeverHalfAPair() {
        String filler = "f=" + "x".repeat(SessionCookie.MAX_HEADER_CHARS - 40) + "; ";
        String header = filler + "tollgate_session=" + JWT;
        assertTrue(header.length() > SessionCookie.MAX_HEADER_CHARS);
        assertEquals(List.of(), values(header), "the pair the cap cuts is not read as a shorter token");
        assertEquals(List.of(JWT), values("tollgate_session=" + JWT + "; " + filler + filler));
        assertEquals(List.of(), values(filler + filler, "tollgate_session=" + JWT), "later headers are past the cap");
        assertEquals(List.of(), values("x".repeat(SessionCookie.MAX_HEADER_CHARS + 1) + ";tollgate_session=a"));
    }
}
