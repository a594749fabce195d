package io.tollgate.auth.service;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format,
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} with unpadded standard
 * base64, the form other Argon2 libraries read and write.
 */
record Argon2Phc(int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,172})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    static final int VERSION_10 = 0x10;
    static final int VERSION_13 = 0x13;

    // Bounds on what a stored string may ask for, so that a corrupt or planted row cannot make
    // one verification allocate gigabytes or run for minutes.
    private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_PARALLELISM = 64;

    /** The hash, or empty when the text is not a well-formed Argon2id PHC string within bounds. */
    static Optional<Argon2Phc> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(m.group(1));
        int memory = Integer.parseInt(m.group(2));
        int iterations = Integer.parseInt(m.group(3));
        int parallelism = Integer.parseInt(m.group(4));
        boolean knownVersion = version == VERSION_10 || version == VERSION_13;
        if (!knownVersion || parallelism < 1 || parallelism > MAX_PARALLELISM || memory < 8 * parallelism
                || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Argon2Phc(version, memory, iterations, parallelism,
                    DECODER.decode(m.group(5)), DECODER.decode(m.group(6))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String encode() {
        return "$argon2id$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    @Override
    public String toString() {
        return "Argon2Phc[v=" + version + ", m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
    }
}
