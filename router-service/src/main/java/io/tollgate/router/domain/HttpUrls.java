package io.tollgate.router.domain;

import java.net.URI;
import java.net.URISyntaxException;

/** What the registry accepts as a URL to an engine or a store: absolute http(s), a host, no credentials. */
final class HttpUrls {
    static final int MAX_LENGTH = 2048;

    private HttpUrls() {
    }

    static boolean isHttpUrl(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An http(s) URL that is only a place to connect to: no query or fragment either. */
    static boolean isEndpoint(String url) {
        if (!isHttpUrl(url)) {
            return false;
        }
        URI uri = URI.create(url);
        return uri.getRawQuery() == null && uri.getRawFragment() == null;
    }
}
