package io.tollgate.auth.service;

import io.tollgate.auth.config.Argon2Config;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private static final Argon2Config OWASP = new Argon2Config(19456, 2, 1);
    private final PasswordHasher hasher = new PasswordHasher(OWASP);

    @Test
    void theRightPasswordVerifies() {
        String hash = hasher.hash("correct horse battery staple");

        assertTrue(hasher.verify("correct horse battery staple", hash));
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String hash = hasher.hash("correct horse battery staple");

        assertFalse(hasher.verify("correct horse battery stapler", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void twoHashesOfTheSamePasswordDifferBecauseOfTheSalt() {
        String first = hasher.hash("s3cret");
        String second = hasher.hash("s3cret");

        assertNotEquals(first, second);
        assertTrue(hasher.verify("s3cret", first));
        assertTrue(hasher.verify("s3cret", second));
    }

    @Test
    void theHashIsAnArgon2idPhcStringWithTheConfiguredParameters() {
        String hash = hasher.hash("s3cret");

        Matcher phc = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)")
                .matcher(hash);
        assertTrue(phc.matches(), hash);
        assertEquals("19456", phc.group(1));
        assertEquals("2", phc.group(2));
        assertEquals("1", phc.group(3));
        assertEquals(22, phc.group(4).length(), "16-byte salt, unpadded base64");
        assertEquals(43, phc.group(5).length(), "32-byte hash, unpadded base64");
    }

    @Test
    void aHashMadeByAnotherArgon2ImplementationVerifies() {
        // From the argon2 reference CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertTrue(hasher.verify("password", reference));
        assertFalse(hasher.verify("Password", reference));
    }

    @Test
    void aHashNeedsRehashingWhenTheConfiguredParametersChange() {
        String hash = hasher.hash("s3cret");

        assertFalse(hasher.needsRehash(hash));
        assertTrue(new PasswordHasher(new Argon2Config(32768, 2, 1)).needsRehash(hash));
        assertTrue(new PasswordHasher(new Argon2Config(19456, 3, 1)).needsRehash(hash));
        assertTrue(new PasswordHasher(new Argon2Config(19456, 2, 2)).needsRehash(hash));
    }

    @Test
    void aHashMadeWithOldParametersStillVerifies() {
        String weak = new PasswordHasher(new Argon2Config(1024, 1, 1)).hash("s3cret");

        assertTrue(hasher.verify("s3cret", weak));
        assertTrue(hasher.needsRehash(weak));
    }

    @Test
    void aMalformedStoredHashNeverVerifiesAndNeverThrows() {
        String good = hasher.hash("s3cret");
        String[] malformed = {
            null,
            "",
            "s3cret",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            good.replace("argon2id", "argon2i"),
            good.replace("v=19", "v=18"),
            good.replace("m=19456", "m=999999999"),
            good.replace("t=2", "t=0"),
            good.replace("p=1", "p=0"),
            good.substring(0, good.lastIndexOf('$')),
            good.substring(0, good.length() - 1) + "!",
            good.substring(0, good.length() - 2),
            good + "$extra",
        };
        for (String stored : malformed) {
            assertFalse(hasher.verify("s3cret", stored), String.valueOf(stored));
            assertTrue(hasher.needsRehash(stored), String.valueOf(stored));
        }
    }
}
