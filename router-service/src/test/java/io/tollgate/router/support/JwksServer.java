package io.tollgate.router.support;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.testkit.tokens.TestTokens;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Publishes the test tokens' public keys as auth-service would (a JWKS over HTTP), so that the
 * service under test verifies tokens through its real configuration (tollgate.tokens.jwks-uri).
 */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;

    public JwksServer(TestTokens tokens) {
        String jwks = ((ImmutableJWKSet<SecurityContext>) tokens.keys()).getJWKSet().toString(true);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/jwks", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
