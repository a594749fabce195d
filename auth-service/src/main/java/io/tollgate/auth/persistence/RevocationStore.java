package io.tollgate.auth.persistence;

import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The revocation log. Sequences are handed out in commit order: every insert first takes one
 * transaction-scoped advisory lock, which PostgreSQL releases only after the commit is visible. A
 * reader that has seen sequence N can therefore never later find an entry below N appear, which
 * is what lets every reader follow the log with {@code sequence > last}.
 */
@Singleton
public class RevocationStore {
    // Any constant the other users of this database do not use; "tollgate" in ASCII.
    private static final long LOG_LOCK = 0x746f6c6c67617465L;
    private static final String COLUMNS = "sequence, kind, value, tenant_id, revoked_at, expires_at, reason, actor";

    private final Jdbc jdbc;

    public RevocationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry; joins the caller's transaction when one is open. */
    public Revocation append(RevocationTarget target, Instant revokedAt, Instant expiresAt, String reason,
                             String actor) {
        return jdbc.write("record a revocation", connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOG_LOCK);
                lock.execute();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO revocations (kind, value, tenant_id, revoked_at, expires_at, reason, actor) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING sequence")) {
                insert.setString(1, target.kind());
                insert.setString(2, target.value());
                insert.setString(3, target.tenantId());
                Jdbc.setInstant(insert, 4, revokedAt);
                Jdbc.setInstant(insert, 5, expiresAt);
                insert.setString(6, reason);
                insert.setString(7, actor);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return new Revocation(rs.getLong(1), target, revokedAt, expiresAt, reason, actor);
                }
            }
        });
    }

    /** Entries after a sequence that still cover an unexpired token, in order; at most {@code limit}. */
    public List<Revocation> relevantAfter(long sequence, Instant now, int limit) {
        return jdbc.read("list relevant revocations", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocations WHERE sequence > ? AND expires_at > ? ORDER BY sequence LIMIT ?")) {
                select.setLong(1, sequence);
                Jdbc.setInstant(select, 2, now);
                select.setInt(3, limit);
                return list(select);
            }
        });
    }

    /** Every entry after a sequence, expired or not, in order; at most {@code limit}. */
    public List<Revocation> after(long sequence, int limit) {
        return jdbc.read("follow the revocation log", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocations WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
                select.setLong(1, sequence);
                select.setInt(2, limit);
                return list(select);
            }
        });
    }

    /**
     * The newest entries, newest first.
     *
     * @param tenantId only this tenant's entries, or null for all (entries without a tenant, a jti
     *                 revoked over gRPC say, are listed only then)
     */
    public List<Revocation> recent(String tenantId, int limit) {
        return jdbc.read("list recent revocations", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocations WHERE (?::text IS NULL OR tenant_id = ?) ORDER BY sequence DESC LIMIT ?")) {
                select.setString(1, tenantId);
                select.setString(2, tenantId);
                select.setInt(3, limit);
                return list(select);
            }
        });
    }

    /** The highest sequence in the log, 0 when it is empty. */
    public long lastSequence() {
        return jdbc.read("read the last revocation sequence", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(max(sequence), 0) FROM revocations");
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Whether a token is revoked: its jti is, or its subject or its tenant was revoked at or after
     * it was issued. Old entries are not filtered out by {@code expires_at}: they can only match
     * tokens that have expired anyway, and leaving the filter out keeps a lowered token lifetime
     * from reviving anything.
     */
    public boolean covers(String tokenId, String tenantId, String subject, Instant issuedAt) {
        return jdbc.read("check a token against the revocation log", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM revocations WHERE "
                            + "(kind = 'token' AND value = ?) "
                            + "OR (kind = 'subject' AND value = ? AND tenant_id = ? AND revoked_at >= ?) "
                            + "OR (kind = 'tenant' AND value = ? AND revoked_at >= ?))")) {
                select.setString(1, tokenId);
                select.setString(2, subject);
                select.setString(3, tenantId);
                Jdbc.setInstant(select, 4, issuedAt);
                select.setString(5, tenantId);
                Jdbc.setInstant(select, 6, issuedAt);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private static List<Revocation> list(PreparedStatement select) throws SQLException {
        List<Revocation> revocations = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                revocations.add(new Revocation(rs.getLong("sequence"), target(rs), Jdbc.getInstant(rs, "revoked_at"),
                        Jdbc.getInstant(rs, "expires_at"), rs.getString("reason"), rs.getString("actor")));
            }
        }
        return revocations;
    }

    private static RevocationTarget target(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String value = rs.getString("value");
        String tenantId = rs.getString("tenant_id");
        return switch (kind) {
            case "token" -> new RevocationTarget.Token(value, tenantId);
            case "subject" -> new RevocationTarget.Subject(tenantId, value);
            case "tenant" -> new RevocationTarget.Tenant(value);
            default -> throw new SQLException("unknown revocation kind " + kind);
        };
    }
}
