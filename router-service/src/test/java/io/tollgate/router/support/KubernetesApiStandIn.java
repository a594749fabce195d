package io.tollgate.router.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stand-in for the Kubernetes API server that answers the two reads router-service makes, as
 * the real one does: {@code GET /api/v1/namespaces/{ns}/secrets/{name}} and
 * {@code GET /api/v1/namespaces/{ns}/services/{name}}, with {@code Status} objects for 404 and 403.
 */
public final class KubernetesApiStandIn implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/(secrets|services)/([^/?]+)");

    private final HttpServer server;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> services = new ConcurrentHashMap<>();
    private final Map<String, Integer> forced = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public KubernetesApiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void secret(String namespace, String name, Map<String, String> data) {
        secrets.put(namespace + "/" + name, data);
    }

    /** A Service with a cluster IP and one port. */
    public void service(String namespace, String name, String clusterIp, int port) {
        services.put(namespace + "/" + name, """
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"type":"ClusterIP","clusterIP":"%s","ports":[{"name":"pg","protocol":"TCP","port":%d,"targetPort":5432}]}}"""
                .formatted(name, namespace, clusterIp, port));
    }

    /** Answers this status for an object, as if RBAC refused it (403) or the server failed (500). */
    public void answer(String namespace, String name, int status) {
        forced.put(namespace + "/" + name, status);
    }

    public void clearAnswer(String namespace, String name) {
        forced.remove(namespace + "/" + name);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("GET") || !m.matches()) {
            send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
            return;
        }
        String key = m.group(1) + "/" + m.group(3);
        Integer forcedStatus = forced.get(key);
        if (forcedStatus != null) {
            send(exchange, forcedStatus, status(forcedStatus, forcedStatus == 403 ? "Forbidden" : "InternalError",
                    "refused by the stand-in"));
            return;
        }
        String body = m.group(2).equals("secrets") ? secretJson(m.group(1), m.group(3)) : services.get(key);
        if (body == null) {
            send(exchange, 404, status(404, "NotFound", m.group(2) + " \"" + m.group(3) + "\" not found"));
        } else {
            send(exchange, 200, body);
        }
    }

    private String secretJson(String namespace, String name) {
        Map<String, String> data = secrets.get(namespace + "/" + name);
        if (data == null) {
            return null;
        }
        String encoded = data.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + Base64.getEncoder().encodeToString(
                        e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"")
                .collect(Collectors.joining(","));
        return """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
                .formatted(name, namespace, encoded);
    }

    private static String status(int code, String reason, String message) {
        return """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s","code":%d}"""
                .formatted(message, reason, code);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
