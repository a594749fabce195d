package io.tollgate.flight.guard;

/** Decodes the escapes of a {@code U&"..."} identifier the way PostgreSQL does. */
final class UnicodeEscapes {
    private UnicodeEscapes() {
    }

    /**
     * @param raw    the identifier between its quotes (doubled quotes already made single)
     * @param escape the escape character (backslash unless {@code UESCAPE} says otherwise)
     */
    static String decode(String raw, char escape) {
        StringBuilder name = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != escape) {
                name.append(c);
                i++;
            } else if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
                name.append(escape);
                i += 2;
            } else if (i + 1 < raw.length() && raw.charAt(i + 1) == '+') {
                name.appendCodePoint(hex(raw, i + 2, 6));
                i += 8;
            } else {
                name.appendCodePoint(hex(raw, i + 1, 4));
                i += 5;
            }
        }
        return name.toString();
    }

    private static int hex(String raw, int from, int digits) {
        if (from + digits > raw.length()) {
            throw invalid();
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int digit = Character.digit(raw.charAt(i), 16);
            if (digit < 0) {
                throw invalid();
            }
            value = value * 16 + digit;
        }
        if (!Character.isValidCodePoint(value) || value == 0) {
            throw invalid();
        }
        return value;
    }

    private static StatementRefusedException invalid() {
        return new StatementRefusedException(StatementRefusedException.Rule.SYNTAX, "invalid Unicode escape");
    }
}
