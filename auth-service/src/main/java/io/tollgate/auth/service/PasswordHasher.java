package io.tollgate.auth.service;

import io.tollgate.auth.config.Argon2Config;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Hashes and checks passwords with Argon2id (RFC 9106), storing them as PHC strings so that the
 * parameters travel with each hash and can be raised later without invalidating old ones.
 */
@Singleton
public class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Config config;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Argon2Config config) {
        this.config = config;
    }

    /** A new PHC string for the password, with a fresh random salt and the configured cost. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Argon2Phc phc = new Argon2Phc(Argon2Phc.VERSION_13, config.memoryKib(), config.iterations(),
                config.parallelism(), salt, new byte[HASH_BYTES]);
        derive(password, phc, phc.hash());
        return phc.encode();
    }

    /**
     * Whether the password matches the stored hash. A stored value that is not a well-formed
     * Argon2id PHC string never matches (and never throws: a corrupt row must not become a 500).
     */
    public boolean verify(String password, String storedHash) {
        Optional<Argon2Phc> stored = Argon2Phc.parse(storedHash);
        if (stored.isEmpty() || password == null) {
            return false;
        }
        Argon2Phc phc = stored.get();
        byte[] computed = new byte[phc.hash().length];
        try {
            derive(password, phc, computed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
        return MessageDigest.isEqual(computed, phc.hash());
    }

    /** Whether the stored hash was made with other parameters than the configured ones. */
    public boolean needsRehash(String storedHash) {
        return Argon2Phc.parse(storedHash)
                .map(phc -> phc.version() != Argon2Phc.VERSION_13
                        || phc.memoryKib() != config.memoryKib()
                        || phc.iterations() != config.iterations()
                        || phc.parallelism() != config.parallelism()
                        || phc.salt().length != SALT_BYTES
                        || phc.hash().length != HASH_BYTES)
                .orElse(true);
    }

    private static void derive(String password, Argon2Phc phc, byte[] out) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(phc.version())
                .withMemoryAsKB(phc.memoryKib())
                .withIterations(phc.iterations())
                .withParallelism(phc.parallelism())
                .withSalt(phc.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
