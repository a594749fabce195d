package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant backend's PostgreSQL JDBC URL, checked: {@code jdbc:postgresql://host[:port]/database},
 * optionally with {@code ?name=value&...} driver parameters. The host may instead be a Kubernetes
 * Service, {@code service:<name>.<namespace>:<port>}, resolved when the route is served.
 * <p>
 * Credentials never travel in the URL (they come from the password reference), so {@code user}
 * and any {@code *password*} parameter are refused, and so are several hosts: a route names one
 * server, and the admin API's checks and provisioning talk to exactly that one.
 *
 * @param serviceName      the Kubernetes Service's name when the host is a {@code service:} reference
 * @param serviceNamespace its namespace, likewise
 * @param query            the driver parameters after {@code ?}, or empty
 */
public record JdbcUrl(String host, int port, String database, String query,
                      @Nullable String serviceName, @Nullable String serviceNamespace) {
    public static final String PREFIX = "jdbc:postgresql://";
    public static final int DEFAULT_PORT = 5432;

    private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
    private static final Pattern SERVICE = Pattern.compile("service:(" + LABEL + ")\\.(" + LABEL + "):(\\d{1,5})");
    private static final Pattern HOST_PORT = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\\d{1,5}))?");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)=([^&\\s]*)");

    public JdbcUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(query, "query");
    }

    /**
     * The URL's parts.
     *
     * @throws IllegalArgumentException saying what is wrong, without echoing the URL (it may
     *                                  carry a password someone put there)
     */
    public static JdbcUrl parse(@Nullable String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw invalid();
        }
        String rest = url.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw invalid();
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        String query = "";
        int question = path.indexOf('?');
        if (question >= 0) {
            query = path.substring(question + 1);
            path = path.substring(0, question);
        }
        if (!DATABASE.matcher(path).matches()) {
            throw new IllegalArgumentException("must name a database: jdbc:postgresql://host[:port]/database");
        }
        checkQuery(query);
        Matcher service = SERVICE.matcher(authority);
        if (service.matches()) {
            return new JdbcUrl(authority, port(service.group(3)), path, query, service.group(1), service.group(2));
        }
        Matcher hostPort = HOST_PORT.matcher(authority);
        if (!hostPort.matches()) {
            throw new IllegalArgumentException("must name one host: jdbc:postgresql://host[:port]/database "
                    + "or jdbc:postgresql://service:<name>.<namespace>:<port>/database");
        }
        int port = hostPort.group(2) == null ? DEFAULT_PORT : port(hostPort.group(2));
        return new JdbcUrl(hostPort.group(1), port, path, query, null, null);
    }

    /** Whether the host is a Kubernetes Service reference, to be resolved before use. */
    public boolean isServiceReference() {
        return serviceName != null;
    }

    /** The same URL with the host and port replaced (e.g. by a Service's resolved address). */
    public String withAddress(String newHost, int newPort) {
        return PREFIX + newHost + ":" + newPort + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The same server (and parameters) with another database. */
    public String withDatabase(String otherDatabase) {
        return PREFIX + host + ":" + port + "/" + otherDatabase + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * A stored URL as it may be shown: any password-like parameter masked. URLs accepted by
     * {@link #parse} have none, but tenants seeded by a bootstrap file before it met the same rules
     * may still be stored with one.
     */
    public static String redact(String url) {
        return url.replaceAll("(?i)((?:^|[?&;])[^=&;?]*password[^=&;?]*=)[^&;]*", "$1***");
    }

    private static void checkQuery(String query) {
        if (query.isEmpty()) {
            return;
        }
        for (String parameter : query.split("&", -1)) {
            Matcher m = PARAMETER.matcher(parameter);
            if (!m.matches()) {
                throw new IllegalArgumentException("parameters must be name=value pairs separated by &");
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("user") || name.contains("password")) {
                throw new IllegalArgumentException("must not carry credentials (parameter " + m.group(1)
                        + "): they come from sqlBackend.credentials");
            }
        }
    }

    private static int port(String digits) {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("must be jdbc:postgresql://host[:port]/database");
    }
}
