package io.tollgate.flight.statement;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import jakarta.inject.Singleton;
import org.apache.arrow.vector.types.pojo.Schema;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The result schemas of prepared statements, kept by this replica and named in their handles by a
 * digest. A handle is sent back and forth several times per execution (bind, GetFlightInfo,
 * DoGet), so it carries 32 bytes instead of the schema (kilobytes with Flight SQL's column
 * metadata), and the schema is decoded once instead of on every call. A replica that does not
 * have the schema (it was prepared elsewhere, or evicted) asks PostgreSQL again: the cache only
 * saves work, it never decides anything.
 */
@Singleton
public class PreparedSchemas {
    /** Distinct (tenant, schema) pairs kept; a few kilobytes each. */
    static final int CAPACITY = 10_000;

    private record Key(String tenantId, ByteString digest) {
    }

    private final Cache<Key, Schema> schemas = Caffeine.newBuilder().maximumSize(CAPACITY).build();

    /** Keeps a prepared statement's schema for its tenant; the digest its handles carry. */
    public byte[] remember(String tenantId, Schema schema, ByteString serialized) {
        byte[] digest = sha256(serialized);
        schemas.put(new Key(tenantId, ByteString.copyFrom(digest)), schema);
        return digest;
    }

    /** The schema a handle names, if this replica has it. */
    public Optional<Schema> find(String tenantId, byte[] digest) {
        return Optional.ofNullable(schemas.getIfPresent(new Key(tenantId, ByteString.copyFrom(digest))));
    }

    private static byte[] sha256(ByteString bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.asReadOnlyByteBuffer());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
