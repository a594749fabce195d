package io.tollgate.flight.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements of tokens by PostgreSQL's lexical rules (those of its scanner,
 * {@code scan.l}) with {@code standard_conforming_strings} on, which the gateway binds for every
 * transaction so that the server lexes exactly as this class does:
 * <ul>
 *   <li>{@code --} comments to the end of the line, nested {@code /* *}{@code /} comments;</li>
 *   <li>{@code '...'} strings with {@code ''}; {@code E'...'} with backslash escapes as well;
 *       {@code N'}, {@code B'}, {@code X'} and {@code U&'} prefixes;</li>
 *   <li>dollar quotes {@code $tag$...$tag$}, only where a token starts ({@code a$b$} is an identifier);</li>
 *   <li>{@code "..."} identifiers with {@code ""}, and {@code U&"..."} with Unicode escapes (and
 *       {@code UESCAPE}), decoded to the name PostgreSQL sees;</li>
 *   <li>unquoted words folded to lower case (ASCII only, as PostgreSQL does in UTF-8);</li>
 *   <li>{@code ;} outside all of these ends a statement.</li>
 * </ul>
 * Text PostgreSQL would reject as unterminated is refused here too. Braces outside strings (JDBC
 * escapes, which the driver would rewrite) are refused, so the driver sends what was classified.
 */
public final class SqlLexer {
    private final String sql;
    private int at;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * The statements of the text, each as its tokens; statements with no token (empty, or only
     * comments) are left out.
     *
     * @throws StatementRefusedException when the text cannot be lexed
     */
    public static List<List<SqlToken>> statements(String sql) {
        return new SqlLexer(sql).run();
    }

    private List<List<SqlToken>> run() {
        List<List<SqlToken>> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (isSpace(c)) {
                at++;
            } else if (startsWith("--")) {
                skipLineComment();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else if (c == ';') {
                at++;
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(next());
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private SqlToken next() {
        char c = sql.charAt(at);
        if (c == '\'') {
            quotedString(false);
            return string();
        }
        if (c == '"') {
            return new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, quotedIdentifier());
        }
        if (c == '$') {
            return dollar();
        }
        if (isIdentifierStart(c)) {
            return word();
        }
        if (isDigit(c) || (c == '.' && at + 1 < sql.length() && isDigit(sql.charAt(at + 1)))) {
            number();
            return new SqlToken(SqlToken.Kind.NUMBER, "");
        }
        at++;
        return switch (c) {
            case '(' -> new SqlToken(SqlToken.Kind.OPEN_PAREN, "(");
            case ')' -> new SqlToken(SqlToken.Kind.CLOSE_PAREN, ")");
            case ',' -> new SqlToken(SqlToken.Kind.COMMA, ",");
            case '.' -> new SqlToken(SqlToken.Kind.DOT, ".");
            case '?' -> new SqlToken(SqlToken.Kind.PARAMETER, "?");
            case '{', '}' -> throw new StatementRefusedException(StatementRefusedException.Rule.SYNTAX,
                    "braces outside a string are not SQL (JDBC escapes are not supported)");
            default -> new SqlToken(SqlToken.Kind.OPERATOR, String.valueOf(c));
        };
    }

    private static SqlToken string() {
        return new SqlToken(SqlToken.Kind.STRING, "");
    }

    /** A word, or a prefixed string or identifier ({@code E'..'}, {@code U&"..."}, ...). */
    private SqlToken word() {
        int start = at;
        while (at < sql.length() && isIdentifierPart(sql.charAt(at))) {
            at++;
        }
        String word = sql.substring(start, at);
        if (word.length() == 1 && at < sql.length()) {
            char prefix = Character.toLowerCase(word.charAt(0));
            char next = sql.charAt(at);
            if (next == '\'' && (prefix == 'e' || prefix == 'n' || prefix == 'b' || prefix == 'x')) {
                quotedString(prefix == 'e');
                return string();
            }
            if (prefix == 'u' && next == '&' && at + 1 < sql.length()) {
                char quote = sql.charAt(at + 1);
                if (quote == '\'') {
                    at++;
                    quotedString(false);
                    return string();
                }
                if (quote == '"') {
                    at++;
                    String raw = quotedIdentifier();
                    return new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, UnicodeEscapes.decode(raw, uescape()));
                }
            }
        }
        return new SqlToken(SqlToken.Kind.WORD, lowerAscii(word));
    }

    /**
     * The escape character of a {@code U&"..."} identifier: a following {@code UESCAPE 'c'} (whose
     * tokens are consumed), else backslash.
     */
    private char uescape() {
        int save = at;
        skipSpaceAndComments();
        if (sql.regionMatches(true, at, "uescape", 0, 7)
                && (at + 7 >= sql.length() || !isIdentifierPart(sql.charAt(at + 7)))) {
            at += 7;
            skipSpaceAndComments();
            if (at + 2 < sql.length() && sql.charAt(at) == '\'' && sql.charAt(at + 2) == '\'') {
                char escape = sql.charAt(at + 1);
                at += 3;
                return escape;
            }
            throw new StatementRefusedException(StatementRefusedException.Rule.SYNTAX, "invalid UESCAPE clause");
        }
        at = save;
        return '\\';
    }

    private void skipSpaceAndComments() {
        while (at < sql.length()) {
            if (isSpace(sql.charAt(at))) {
                at++;
            } else if (startsWith("--")) {
                skipLineComment();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** {@code '...'} from the opening quote; with {@code escapes}, a backslash escapes the next character. */
    private void quotedString(boolean escapes) {
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (escapes && c == '\\') {
                at += 2;
            } else if (c == '\'') {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == '\'') {
                    at += 2;
                } else {
                    at++;
                    return;
                }
            } else {
                at++;
            }
        }
        throw unterminated("string");
    }

    /** {@code "..."} from the opening quote: the name, with {@code ""} as one quote. */
    private String quotedIdentifier() {
        StringBuilder name = new StringBuilder();
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (c == '"') {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == '"') {
                    name.append('"');
                    at += 2;
                } else {
                    at++;
                    if (name.isEmpty()) {
                        throw new StatementRefusedException(StatementRefusedException.Rule.SYNTAX,
                                "zero-length quoted identifier");
                    }
                    return name.toString();
                }
            } else {
                name.append(c);
                at++;
            }
        }
        throw unterminated("quoted identifier");
    }

    /** A dollar-quoted string, or a positional parameter {@code $n}. */
    private SqlToken dollar() {
        int start = at;
        at++;
        if (at < sql.length() && isDigit(sql.charAt(at))) {
            while (at < sql.length() && isDigit(sql.charAt(at))) {
                at++;
            }
            return new SqlToken(SqlToken.Kind.PARAMETER, sql.substring(start, at));
        }
        if (at < sql.length() && isIdentifierStart(sql.charAt(at))) {
            while (at < sql.length() && isTagPart(sql.charAt(at))) {
                at++;
            }
        }
        if (at >= sql.length() || sql.charAt(at) != '$') {
            // Not a dollar quote: PostgreSQL would reject a lone '$' outside an identifier.
            throw new StatementRefusedException(StatementRefusedException.Rule.SYNTAX, "unexpected '$'");
        }
        at++;
        String delimiter = sql.substring(start, at);
        int end = sql.indexOf(delimiter, at);
        if (end < 0) {
            throw unterminated("dollar-quoted string");
        }
        at = end + delimiter.length();
        return string();
    }

    private void number() {
        if (sql.charAt(at) == '0' && at + 1 < sql.length() && "xXoObB".indexOf(sql.charAt(at + 1)) >= 0) {
            at += 2;
            while (at < sql.length() && (Character.digit(sql.charAt(at), 16) >= 0 || sql.charAt(at) == '_')) {
                at++;
            }
            return;
        }
        digits();
        if (at < sql.length() && sql.charAt(at) == '.' && !(at + 1 < sql.length() && sql.charAt(at + 1) == '.')) {
            at++;
            digits();
        }
        if (at < sql.length() && (sql.charAt(at) == 'e' || sql.charAt(at) == 'E')) {
            int save = at;
            at++;
            if (at < sql.length() && (sql.charAt(at) == '+' || sql.charAt(at) == '-')) {
                at++;
            }
            if (at < sql.length() && isDigit(sql.charAt(at))) {
                digits();
            } else {
                // "1e" followed by no digits: the 'e' starts the next token, as in PostgreSQL 15.
                at = save;
            }
        }
    }

    private void digits() {
        while (at < sql.length() && (isDigit(sql.charAt(at)) || sql.charAt(at) == '_')) {
            at++;
        }
    }

    private void skipLineComment() {
        while (at < sql.length() && sql.charAt(at) != '\n' && sql.charAt(at) != '\r') {
            at++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (at < sql.length()) {
            if (startsWith("/*")) {
                depth++;
                at += 2;
            } else if (startsWith("*/")) {
                depth--;
                at += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                at++;
            }
        }
        throw unterminated("comment");
    }

    private boolean startsWith(String prefix) {
        return sql.startsWith(prefix, at);
    }

    private static StatementRefusedException unterminated(String what) {
        return new StatementRefusedException(StatementRefusedException.Rule.SYNTAX, "unterminated " + what);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static String lowerAscii(String word) {
        char[] chars = word.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
