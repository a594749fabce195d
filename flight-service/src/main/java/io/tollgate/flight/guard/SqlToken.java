package io.tollgate.flight.guard;

/**
 * One lexical token of PostgreSQL SQL.
 *
 * @param kind  what it is
 * @param text  for a keyword or unquoted identifier its lower-case form, for a quoted identifier its
 *              name (quotes and escapes removed), for an operator or punctuation its characters;
 *              for a string or number the empty string (their contents never classify anything)
 */
public record SqlToken(Kind kind, String text) {

    /** Token kinds. */
    public enum Kind {
        /** An unquoted word: a keyword or an identifier (folded to lower case, as PostgreSQL does). */
        WORD,
        /** A double-quoted identifier ({@code "x"} or {@code U&"x"}). */
        QUOTED_IDENTIFIER,
        /** A string constant of any form ({@code '...'}, {@code E'...'}, {@code $tag$...$tag$}, ...). */
        STRING,
        /** A numeric constant. */
        NUMBER,
        /** A positional parameter ({@code $1}) or a JDBC placeholder ({@code ?}). */
        PARAMETER,
        /** An operator or punctuation other than those below. */
        OPERATOR,
        /** {@code (} */
        OPEN_PAREN,
        /** {@code )} */
        CLOSE_PAREN,
        /** {@code ,} */
        COMMA,
        /** {@code .} */
        DOT
    }

    /** Whether this is the unquoted word {@code word} (lower case). */
    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** Whether this names something: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
