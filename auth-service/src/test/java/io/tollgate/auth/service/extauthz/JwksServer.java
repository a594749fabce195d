package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An identity provider's key endpoint: a real HTTP server (the JDK's) serving public JWKS by path. */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, JWKSet> sets = new ConcurrentHashMap<>();

    JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            JWKSet set = sets.get(exchange.getRequestURI().getPath());
            byte[] body = (set == null ? "{}" : set.toPublicJWKSet().toString()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(set == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Publishes the public part of these keys at this path; returns its URL. */
    URI publish(String path, JWK... keys) {
        sets.put(path, new JWKSet(java.util.List.of(keys)));
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
