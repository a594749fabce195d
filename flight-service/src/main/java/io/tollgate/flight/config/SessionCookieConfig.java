package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The session cookie ({@code tollgate.flight.session-cookie.*}): a call authenticated by an
 * {@code authorization} header gets its bearer token back as a cookie, and a later call of the
 * same client may present that cookie instead of the header (clients that send their configured
 * headers only with some calls need it).
 *
 * @param enabled when false the cookie is neither set nor accepted
 */
@ConfigurationProperties("tollgate.flight.session-cookie")
public record SessionCookieConfig(@Bindable(defaultValue = "true") boolean enabled) {
}
