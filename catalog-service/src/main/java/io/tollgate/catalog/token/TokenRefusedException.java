package io.tollgate.catalog.token;

/** A token request refused; the description is ours and safe to show (it never says which part was wrong). */
public class TokenRefusedException extends RuntimeException {
    private final TokenRefusal refusal;

    public TokenRefusedException(TokenRefusal refusal, String description) {
        super(description, null, false, false);
        this.refusal = refusal;
    }

    public TokenRefusal refusal() {
        return refusal;
    }
}
