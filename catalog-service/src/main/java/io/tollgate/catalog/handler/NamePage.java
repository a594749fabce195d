package io.tollgate.catalog.handler;

import org.apache.iceberg.exceptions.BadRequestException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page of a namespace's tables or views, in name order, starting after the last name the
 * previous page gave. Unlike an offset, that position survives tables created or dropped between
 * two pages (none is skipped, none repeated), and a page costs the same wherever it starts: only
 * its own rows are read, along the catalog table's primary key.
 * <p>
 * The token is opaque to clients: {@value #PREFIX} and the last name in unpadded base64url. A
 * forged one is harmless (it only says where in the caller's own namespace to start), but a token
 * that is not of this form is refused in our words, as is a page size out of bounds.
 *
 * @param after the name the page starts after; empty for the first page
 * @param size  entries per page
 */
record NamePage(String after, int size) {
    static final String PREFIX = "n.";
    // Names are at most 255 characters (the catalog table's column): 4 bytes each in UTF-8, 4/3 in base64.
    private static final int MAX_TOKEN = PREFIX.length() + 1_360;

    /** The page asked for; {@code BadRequestException} for a size or token that is not one. */
    static NamePage of(String token, String size) {
        int pageSize = PageRequest.size(size);
        if (token == null || token.isEmpty()) {
            return new NamePage("", pageSize);
        }
        if (!token.startsWith(PREFIX) || token.length() > MAX_TOKEN) {
            throw new BadRequestException("%s", PageRequest.NOT_OURS);
        }
        return new NamePage(name(token.substring(PREFIX.length())), pageSize);
    }

    /** The token of the page after the one that ended with this name. */
    static String tokenAfter(String lastName) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    // Strict: base64url without padding, well-formed UTF-8, not empty.
    private static String name(String encoded) {
        if (encoded.isEmpty() || encoded.indexOf('=') >= 0) {
            throw new BadRequestException("%s", PageRequest.NOT_OURS);
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded);
            String name = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (name.isEmpty()) {
                throw new BadRequestException("%s", PageRequest.NOT_OURS);
            }
            return name;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new BadRequestException("%s", PageRequest.NOT_OURS);
        }
    }
}
