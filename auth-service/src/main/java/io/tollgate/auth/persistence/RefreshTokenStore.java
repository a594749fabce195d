package io.tollgate.auth.persistence;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.RefreshFamily;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Refresh-token families and their tokens, by the SHA-256 of each token (the token itself is
 * never stored). Every change to a family happens under that family's row lock, so a rotation and
 * a revocation of the same family never interleave: a revocation sees every access token the
 * family ever issued.
 */
@Singleton
public class RefreshTokenStore {
    // A family's tokens tell when it was last used (each refresh adds one).
    private static final String FAMILIES = "SELECT f.family_id, f.tenant_id, f.subject, f.scopes, f.created_at, "
            + "f.expires_at, max(t.issued_at) AS last_used_at FROM refresh_families f "
            + "JOIN refresh_tokens t ON t.family_id = f.family_id ";

    private final Jdbc jdbc;

    public RefreshTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A new family, as a password login starts it. */
    public record NewFamily(UUID familyId, long accountId, String tenantId, String subject, Set<String> scopes,
                            Instant createdAt, Instant expiresAt) {
    }

    /** A stored refresh token with its family. */
    public record StoredToken(UUID familyId, long accountId, String tenantId, String subject, Set<String> scopes,
                              Instant familyCreatedAt, Instant familyExpiresAt, @Nullable Instant familyRevokedAt,
                              @Nullable Instant consumedAt) {
    }

    /** An access token issued together with one of a family's refresh tokens. */
    public record AccessTokenRef(String jti, Instant expiresAt) {
    }

    /** What a rotation did. */
    public enum Rotation {
        /** The presented token is consumed and its successor stored. */
        ROTATED,
        /** The presented token had been consumed already: a reuse. */
        REUSED,
        /** The family is revoked or expired. */
        REFUSED
    }

    public void startFamily(NewFamily family, byte[] tokenHash, AccessTokenRef access) {
        jdbc.write("start a refresh-token family", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO refresh_families (family_id, account_id, tenant_id, subject, scopes, created_at, "
                            + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, family.familyId());
                insert.setLong(2, family.accountId());
                insert.setString(3, family.tenantId());
                insert.setString(4, family.subject());
                insert.setArray(5, textArray(connection, family.scopes()));
                Jdbc.setInstant(insert, 6, family.createdAt());
                Jdbc.setInstant(insert, 7, family.expiresAt());
                insert.executeUpdate();
            }
            insertToken(connection, family.familyId(), tokenHash, family.createdAt(), access);
            return null;
        });
    }

    public Optional<StoredToken> find(byte[] tokenHash) {
        return jdbc.read("find a refresh token", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT f.family_id, f.account_id, f.tenant_id, f.subject, f.scopes, f.created_at, f.expires_at, "
                            + "f.revoked_at, t.consumed_at FROM refresh_tokens t "
                            + "JOIN refresh_families f ON f.family_id = t.family_id WHERE t.token_hash = ?")) {
                select.setBytes(1, tokenHash);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredToken(rs.getObject("family_id", UUID.class), rs.getLong("account_id"),
                            rs.getString("tenant_id"), rs.getString("subject"), textSet(rs.getArray("scopes")),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "expires_at"),
                            Jdbc.getInstant(rs, "revoked_at"), Jdbc.getInstant(rs, "consumed_at")));
                }
            }
        });
    }

    /**
     * Consumes the presented token and stores its successor, unless the family is revoked or
     * expired, or the token was consumed already (by a reuse, or by a concurrent refresh).
     */
    public Rotation rotate(UUID familyId, byte[] presentedHash, byte[] nextHash, Instant now, AccessTokenRef access) {
        return jdbc.write("rotate a refresh token", connection -> {
            if (!lockLiveFamily(connection, familyId, now)) {
                return Rotation.REFUSED;
            }
            try (PreparedStatement consume = connection.prepareStatement(
                    "UPDATE refresh_tokens SET consumed_at = ? WHERE token_hash = ? AND family_id = ? "
                            + "AND consumed_at IS NULL")) {
                Jdbc.setInstant(consume, 1, now);
                consume.setBytes(2, presentedHash);
                consume.setObject(3, familyId);
                if (consume.executeUpdate() == 0) {
                    return Rotation.REUSED;
                }
            }
            insertToken(connection, familyId, nextHash, now, access);
            return Rotation.ROTATED;
        });
    }

    /**
     * Revokes a family (if it is not revoked already) and lists the access tokens it issued that
     * have not expired yet, for the caller to revoke in the same transaction.
     */
    public List<AccessTokenRef> revokeFamily(UUID familyId, Instant now, String reason) {
        return jdbc.write("revoke a refresh-token family", connection -> {
            try (PreparedStatement revoke = connection.prepareStatement(
                    "UPDATE refresh_families SET revoked_at = ?, revoke_reason = ? "
                            + "WHERE family_id = ? AND revoked_at IS NULL")) {
                Jdbc.setInstant(revoke, 1, now);
                revoke.setString(2, reason);
                revoke.setObject(3, familyId);
                revoke.executeUpdate();
            }
            List<AccessTokenRef> live = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT access_jti, access_expires_at FROM refresh_tokens "
                            + "WHERE family_id = ? AND access_expires_at > ? ORDER BY issued_at")) {
                select.setObject(1, familyId);
                Jdbc.setInstant(select, 2, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        live.add(new AccessTokenRef(rs.getString(1), Jdbc.getInstant(rs, "access_expires_at")));
                    }
                }
            }
            return live;
        });
    }

    /**
     * Revokes the families of a tenant, or of one subject in it, that were started at or before
     * an instant: what a subject or tenant revocation means for refresh tokens.
     *
     * @param subject the subject, or null for every family of the tenant
     * @return how many families were revoked
     */
    public int revokeFamiliesOf(String tenantId, @Nullable String subject, Instant revokedAt, String reason) {
        return jdbc.write("revoke refresh-token families", connection -> {
            try (PreparedStatement revoke = connection.prepareStatement(
                    "UPDATE refresh_families SET revoked_at = ?, revoke_reason = ? WHERE tenant_id = ? "
                            + "AND (?::text IS NULL OR subject = ?) AND revoked_at IS NULL AND created_at <= ?")) {
                Jdbc.setInstant(revoke, 1, revokedAt);
                revoke.setString(2, reason);
                revoke.setString(3, tenantId);
                revoke.setString(4, subject);
                revoke.setString(5, subject);
                Jdbc.setInstant(revoke, 6, revokedAt);
                return revoke.executeUpdate();
            }
        });
    }

    /** A subject's families that are neither revoked nor expired, newest first. */
    public List<RefreshFamily> liveFamilies(String tenantId, String subject, Instant now) {
        return jdbc.read("list refresh-token families", connection -> {
            try (PreparedStatement select = connection.prepareStatement(FAMILIES
                    + "WHERE f.tenant_id = ? AND f.subject = ? AND f.revoked_at IS NULL AND f.expires_at > ? "
                    + "GROUP BY f.family_id ORDER BY f.created_at DESC")) {
                select.setString(1, tenantId);
                select.setString(2, subject);
                Jdbc.setInstant(select, 3, now);
                return families(select);
            }
        });
    }

    /** One family, if it is neither revoked nor expired. */
    public Optional<RefreshFamily> liveFamily(UUID familyId, Instant now) {
        return jdbc.read("find a refresh-token family", connection -> {
            try (PreparedStatement select = connection.prepareStatement(FAMILIES
                    + "WHERE f.family_id = ? AND f.revoked_at IS NULL AND f.expires_at > ? GROUP BY f.family_id")) {
                select.setObject(1, familyId);
                Jdbc.setInstant(select, 2, now);
                return families(select).stream().findFirst();
            }
        });
    }

    private static List<RefreshFamily> families(PreparedStatement select) throws SQLException {
        List<RefreshFamily> families = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                families.add(new RefreshFamily(rs.getObject("family_id", UUID.class), rs.getString("tenant_id"),
                        rs.getString("subject"), textSet(rs.getArray("scopes")), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "expires_at"), Jdbc.getInstant(rs, "last_used_at")));
            }
        }
        return families;
    }

    private static boolean lockLiveFamily(Connection connection, UUID familyId, Instant now) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT revoked_at, expires_at FROM refresh_families WHERE family_id = ? FOR UPDATE")) {
            lock.setObject(1, familyId);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getObject("revoked_at") == null
                        && now.isBefore(Jdbc.getInstant(rs, "expires_at"));
            }
        }
    }

    private static void insertToken(Connection connection, UUID familyId, byte[] tokenHash, Instant issuedAt,
                                    AccessTokenRef access) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, family_id, issued_at, access_jti, access_expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)")) {
            insert.setBytes(1, tokenHash);
            insert.setObject(2, familyId);
            Jdbc.setInstant(insert, 3, issuedAt);
            insert.setString(4, access.jti());
            Jdbc.setInstant(insert, 5, access.expiresAt());
            insert.executeUpdate();
        }
    }

    private static Array textArray(Connection connection, Set<String> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().sorted().toArray());
    }

    private static Set<String> textSet(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }
}
