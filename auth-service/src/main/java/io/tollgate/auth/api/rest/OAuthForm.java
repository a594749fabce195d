package io.tollgate.auth.api.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.common.http.FormBody;

import java.util.Map;

/** The form body every OAuth endpoint takes (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1). */
final class OAuthForm {

    private OAuthForm() {
    }

    /** The body's parameters; a body of another content type is an invalid_request. */
    static Map<String, String> parameters(HttpRequest<?> request, String body) throws OAuthException {
        boolean form = request.getContentType()
                .map(type -> type.getName().equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED))
                .orElse(false);
        if (!form) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the body must be application/x-www-form-urlencoded");
        }
        try {
            return FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, e.getMessage());
        }
    }
}
