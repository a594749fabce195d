package io.tollgate.catalog.handler;

import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * The strong ETag of a loaded table: a SHA-256 of everything the answer depends on — the metadata
 * file it was read from, the tenant and warehouse, the caller's roles (what it is shown may depend on
 * them), the snapshots mode and the storage delegation asked for — so that two answers share an ETag only when they are the same, and
 * the tag says nothing of the location it was made from.
 */
final class TableETag {
    // Entity tags are compared as sent; one that long cannot be ours, and is not parsed further.
    private static final int MAX_IF_NONE_MATCH = 4096;

    private TableETag() {
    }

    static String of(Caller caller, String warehouse, String metadataLocation, SnapshotMode mode,
                     AccessDelegation delegation) {
        MessageDigest sha256 = sha256();
        List<String> parts = List.of(metadataLocation, caller.tenantId(), warehouse,
                String.join(",", new TreeSet<>(caller.roles())), mode.name(), delegation.key());
        for (String part : parts) {
            // Length-prefixed, so that no two lists of parts hash the same bytes.
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest()) + '"';
    }

    /**
     * Whether an {@code If-None-Match} value (a list of entity tags, or {@code *}) names this ETag.
     * RFC 9110 compares them weakly here: a {@code W/} prefix is ignored.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > MAX_IF_NONE_MATCH) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
