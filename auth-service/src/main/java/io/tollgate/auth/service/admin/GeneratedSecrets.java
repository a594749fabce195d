package io.tollgate.auth.service.admin;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords and client secrets the admin API generates, shown to the operator once. */
@Singleton
public class GeneratedSecrets {
    private static final int PASSWORD_BYTES = 18;
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** 144 random bits, 24 base64url characters. */
    public String password() {
        return random(PASSWORD_BYTES);
    }

    /** 256 random bits, 43 base64url characters. */
    public String clientSecret() {
        return random(SECRET_BYTES);
    }

    private String random(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
