package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens made by hand: genuine ones signed with the key the test server signs with, and every
 * kind of forgery. The server is started with {@link #keyFile()} as its only signing key.
 */
final class Forgery {
    static final String KID = "good-kid";
    final RSAKey key;
    final RSAKey attackerKey;

    Forgery() {
        try {
            key = new RSAKeyGenerator(2048).keyID(KID).generate();
            attackerKey = new RSAKeyGenerator(2048).keyID("attacker-kid").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key as a JWK file, for {@code tollgate.auth.signing.key-files}. */
    String keyFile() {
        try {
            Path file = Files.createTempFile("signing-key", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, key.toJSONString());
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("tollgate").audience("tollgate").subject("alice@acme")
                .claim("tid", "acme").claim("roles", List.of("reader")).claim("scope", "sql")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(600)));
    }

    static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).type(JOSEObjectType.JWT);
    }

    static String rs256(JWSHeader header, JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String genuine() {
        return genuine(claims().build());
    }

    String genuine(JWTClaimsSet claims) {
        return rs256(header().build(), claims, key);
    }

    static String unsigned(String alg, JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").toString();
        return header + "." + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The key-confusion attack: the public key's bytes as an HMAC secret. */
    String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(),
                    claims().build());
            jwt.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token with its payload swapped for one naming another tenant. */
    String payloadAltered() {
        String[] parts = genuine().split("\\.");
        String forged = Base64URL.encode(claims().claim("tid", "globex").build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        return parts[0] + "." + forged + "." + parts[2];
    }

    String signatureAltered() {
        String token = genuine();
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }
}
