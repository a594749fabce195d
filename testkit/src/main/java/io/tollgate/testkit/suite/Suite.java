package io.tollgate.testkit.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PostgresServer;
import io.tollgate.testkit.postgres.SharedPostgres;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tls.TestPki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole suite on one machine: the demo provisioned in a PostgreSQL server, and the four
 * services started as separate processes, configured the way a deployment configures them
 * (environment variables), in dependency order (router, auth, then flight and catalog), each waited
 * for until it has reported its ports and is healthy. {@code ./tollgate up} and the end-to-end
 * tests both start it through here. With Spark ({@code ./tollgate up --spark}) it also starts a
 * Spark Connect server per demo tenant, registered as the tenant's Spark Connect upstream, and
 * connect-service in front of them where this checkout has that module.
 */
public final class Suite implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final String ISSUER = "tollgate";
    private static final String AUDIENCE = "tollgate";
    /** Spark Connect's own default port: connect-service's in the local suite. */
    private static final int SPARK_CONNECT_PORT = 15002;
    private static final String CONNECT_SERVICE = "connect-service";
    /** The name connect-service reports its Spark Connect port under. */
    private static final String SPARK_CONNECT_PORT_NAME = "spark-connect";

    private final PostgresServer postgres;
    private final boolean ownsPostgres;
    private final SuitePorts requested;
    private final DemoSecrets secrets;
    private final DemoProvisioner provisioner;
    private final List<ServiceProcess> services = new ArrayList<>();
    private PortForward jwksForward;
    private SuitePorts bound;
    private InternalCertificates certificates;
    private Path warehouses;
    private final Map<String, String> warehouseLocations;
    private final Map<String, S3WarehouseStorage> warehouseStorage;
    private SparkBackends spark;
    private ServiceProcess connectService;
    /** The CA of connect-service's TLS certificate, when the Spark Connect port serves TLS (tests); else null. */
    private TestPki.Issued sparkConnectCa;

    private Suite(PostgresServer postgres, boolean ownsPostgres, SuitePorts requested, DemoSecrets secrets,
                  DemoProvisioner provisioner, Map<String, String> warehouseLocations,
                  Map<String, S3WarehouseStorage> warehouseStorage) {
        this.postgres = postgres;
        this.ownsPostgres = ownsPostgres;
        this.requested = requested;
        this.secrets = secrets;
        this.provisioner = provisioner;
        this.warehouseLocations = Map.copyOf(warehouseLocations);
        this.warehouseStorage = Map.copyOf(warehouseStorage);
    }

    /**
     * Provisions the demo and starts the services.
     *
     * @param root         the repository root (where the services' modules are built)
     * @param stateDir     where secrets, bootstrap files and logs are kept
     * @param postgres     the server to use
     * @param ownsPostgres whether closing the suite stops that server
     * @param ports        the ports the services listen on; {@link SuitePorts#any()} lets each server
     *                     bind one the kernel chooses (tests), {@link #ports()} then says which
     * @param databaseSuffix appended to every database name: empty for the demo, {@link #uniqueSuffix()}
     *                     for a suite that shares its server with others (tests)
     */
    /**
     * The suite as the end-to-end tests run it: the repository named by the {@code tollgate.root}
     * system property, the test JVM's shared PostgreSQL (databases of their own, by a unique
     * suffix), and ports the kernel chooses.
     */
    public static Suite startForTest(Path stateDir) throws IOException, SQLException {
        return start(Path.of(System.getProperty("tollgate.root")), stateDir, SharedPostgres.get(), false,
                SuitePorts.any(), uniqueSuffix());
    }

    /**
     * As {@link #startForTest(Path)}, with the warehouse roots of some demo tenants (tenant id →
     * location) chosen by the test: e.g. where a client that asks for fixed locations needs them.
     * Only those tenants then have a warehouse (their first), so that no other lies under a chosen root.
     */
    public static Suite startForTest(Path stateDir, Map<String, String> warehouseLocations)
            throws IOException, SQLException {
        return start(Path.of(System.getProperty("tollgate.root")), stateDir, SharedPostgres.get(), false,
                SuitePorts.any(), uniqueSuffix(), Map.of(), warehouseLocations, Map.of(), SparkMode.NONE);
    }

    /**
     * As {@link #startForTest(Path, Map)}, with S3 storage for the first warehouse of some demo
     * tenants (tenant id → settings; their locations, given in the first map, are then {@code s3://}):
     * for a test that runs its own S3-compatible server.
     */
    public static Suite startForTest(Path stateDir, Map<String, String> warehouseLocations,
                                     Map<String, S3WarehouseStorage> warehouseStorage)
            throws IOException, SQLException {
        return start(Path.of(System.getProperty("tollgate.root")), stateDir, SharedPostgres.get(), false,
                SuitePorts.any(), uniqueSuffix(), Map.of(), warehouseLocations, warehouseStorage, SparkMode.NONE);
    }

    public static Suite start(Path root, Path stateDir, PostgresServer postgres, boolean ownsPostgres, SuitePorts ports,
                              String databaseSuffix) throws IOException, SQLException {
        return start(root, stateDir, postgres, ownsPostgres, ports, databaseSuffix, Map.of());
    }

    /**
     * As {@link #startForTest(Path)}, with a Spark Connect server per demo tenant and connect-service
     * in front of them serving TLS, as deployed, with a certificate for localhost from a CA of the
     * suite's own ({@link #sparkConnectCa()}): Spark's clients then send their token as
     * {@code authentication}, the way they do to any remote gateway.
     */
    public static Suite startForTestWithSpark(Path stateDir) throws IOException, SQLException {
        return start(Path.of(System.getProperty("tollgate.root")), stateDir, SharedPostgres.get(), false,
                SuitePorts.any(), uniqueSuffix(), Map.of(), Map.of(), Map.of(), SparkMode.TLS);
    }

    /**
     * As {@link #start(Path, Path, PostgresServer, boolean, SuitePorts, String)}, with a Spark Connect
     * server per demo tenant (its Spark Connect upstream) and, where this checkout has the module,
     * connect-service in front of them ({@code ./tollgate up --spark}).
     */
    public static Suite startWithSpark(Path root, Path stateDir, PostgresServer postgres, boolean ownsPostgres,
                                       SuitePorts ports, String databaseSuffix) throws IOException, SQLException {
        return startWithSpark(root, stateDir, postgres, ownsPostgres, ports, databaseSuffix, Map.of());
    }

    /**
     * As {@link #startWithSpark(Path, Path, PostgresServer, boolean, SuitePorts, String)}, with extra
     * environment variables per service module (e.g. {@code connect-service} → its settings for a benchmark).
     */
    public static Suite startWithSpark(Path root, Path stateDir, PostgresServer postgres, boolean ownsPostgres,
                                       SuitePorts ports, String databaseSuffix,
                                       Map<String, Map<String, String>> extraEnv) throws IOException, SQLException {
        return start(root, stateDir, postgres, ownsPostgres, ports, databaseSuffix, extraEnv, Map.of(), Map.of(),
                SparkMode.PLAINTEXT_ON_LOCALHOST);
    }

    /** Whether the suite runs Spark, and how connect-service serves it. */
    private enum SparkMode {
        NONE,
        /** Development ({@code ./tollgate up --spark}): Spark's clients send a token in the clear to localhost only. */
        PLAINTEXT_ON_LOCALHOST,
        /** As deployed: TLS, with a certificate from a CA of the suite's own. */
        TLS
    }

    /**
     * As {@link #start(Path, Path, PostgresServer, boolean, SuitePorts, String)}, with extra environment
     * variables per service module (e.g. {@code auth-service} → rate limits off for a benchmark).
     */
    public static Suite start(Path root, Path stateDir, PostgresServer postgres, boolean ownsPostgres, SuitePorts ports,
                              String databaseSuffix, Map<String, Map<String, String>> extraEnv)
            throws IOException, SQLException {
        return start(root, stateDir, postgres, ownsPostgres, ports, databaseSuffix, extraEnv, Map.of(), Map.of(),
                SparkMode.NONE);
    }

    private static Suite start(Path root, Path stateDir, PostgresServer postgres, boolean ownsPostgres,
                               SuitePorts ports, String databaseSuffix, Map<String, Map<String, String>> extraEnv,
                               Map<String, String> warehouseLocations, Map<String, S3WarehouseStorage> warehouseStorage,
                               SparkMode sparkMode)
            throws IOException, SQLException {
        DemoSecrets secrets = DemoSecrets.loadOrCreate(stateDir.resolve("secrets.properties"));
        DemoProvisioner provisioner = new DemoProvisioner(postgres, secrets, root, databaseSuffix);
        provisioner.provision(DemoTenant.all());
        Suite suite = new Suite(postgres, ownsPostgres, ports, secrets, provisioner, warehouseLocations,
                warehouseStorage);
        try {
            if (sparkMode == SparkMode.TLS) {
                suite.sparkConnectCa = TestPki.ca(Files.createDirectories(stateDir.resolve("connect-tls")),
                        "spark-connect-ca");
            }
            if (sparkMode != SparkMode.NONE) {
                suite.spark = SparkBackends.start(stateDir, secrets, DemoTenant.all());
            }
            suite.startServices(root, stateDir, extraEnv);
            SuiteFiles.writePrivate(stateDir.resolve("demo.env"), suite.demoEnv());
            return suite;
        } catch (IOException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    /** A database-name suffix no other suite on the server uses. */
    public static String uniqueSuffix() {
        return "_" + Long.toString(System.nanoTime() & 0xffffffffL, 36);
    }

    /** The database that holds a demo tenant's rows. */
    public String databaseOf(DemoTenant tenant) {
        return provisioner.databaseOf(tenant);
    }

    /** The password of the role a demo tenant's traffic logs in as (for side-by-side baselines). */
    public String tenantRolePassword(DemoTenant tenant) {
        return provisioner.rolePassword(tenant);
    }

    /** The password of a demo tenant's login for an access class. */
    public String loginPassword(DemoTenant tenant, AccessClass accessClass) {
        return provisioner.loginPassword(tenant, accessClass);
    }

    /**
     * Where a demo tenant's first Iceberg warehouse keeps its files: a directory under the suite's state,
     * unless the suite was started with a location of its own for the tenant.
     */
    public String warehouseLocation(DemoTenant tenant) {
        return warehouseLocations.getOrDefault(tenant.id(), "file://" + warehouses.resolve(tenant.id()));
    }

    /**
     * Where one of a demo tenant's warehouses keeps its files: the first where it always has, each
     * other in a directory of its own name beside it (never inside another warehouse's root).
     */
    public String warehouseLocation(DemoTenant tenant, String warehouse) {
        return warehouse.equals(tenant.warehouseName()) ? warehouseLocation(tenant)
                : "file://" + warehouses.resolve(warehouse);
    }

    /** The database of the services' own schemas (auth, router, catalog). */
    public String servicesDatabase() {
        return provisioner.servicesDatabase();
    }

    /** The database the shared-RLS tenants live in. */
    public String sharedDatabase() {
        return provisioner.sharedDatabase();
    }

    private void startServices(Path root, Path stateDir, Map<String, Map<String, String>> extraEnv) throws IOException {
        Path bootstrap = stateDir.resolve("bootstrap");
        Path tenantsFile = bootstrap.resolve("tenants.json");
        Path accountsFile = bootstrap.resolve("accounts.json");
        warehouses = stateDir.resolve("warehouses").toAbsolutePath().normalize();
        ObjectMapper json = new ObjectMapper();
        SuiteFiles.writePrivate(tenantsFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(tenantsBootstrap()));
        SuiteFiles.writePrivate(accountsFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(accountsBootstrap()));
        Path logs = stateDir.resolve("logs");
        // A CA of its own per start, and each service's certificate: internal calls use mutual TLS as deployed.
        certificates = InternalCertificates.create(stateDir.resolve("internal-tls"));

        // In dependency order, each started with the ports its predecessors reported: with ports
        // left to the kernel (0), nobody knows a port before its server has bound it.
        Map<String, String> router = serviceEnv(requested.routerHttp());
        router.put("GRPC_SERVER_PORT", Integer.toString(requested.routerGrpc()));
        router.put("TOLLGATE_ROUTER_BOOTSTRAP_FILE", tenantsFile.toString());
        // Provisioning on the suite's server: POST .../provision works, and a tenant login whose
        // password the tenant changed is re-asserted (ReassertBackendLogin).
        router.put("TOLLGATE_ROUTER_PROVISIONING_JDBC_URL", postgres.jdbcUrl("postgres"));
        router.put("TOLLGATE_ROUTER_PROVISIONING_USERNAME", postgres.superuser());
        router.put("TOLLGATE_ROUTER_PROVISIONING_PASSWORD_REF", "literal:" + postgres.superuserPassword());
        router.putAll(tokenEnv(routerJwksPort()));
        router.putAll(certificates.environment("router-service"));
        router.putAll(extraEnv.getOrDefault("router-service", Map.of()));
        ServiceProcess routerService = startAll(logs, new Launch(root, "router-service",
                "io.tollgate.router.RouterApplication", router, List.of("http", "grpc", "metrics"), "256m")).get(0);
        int routerGrpc = routerService.port("grpc");

        Map<String, String> auth = serviceEnv(requested.authHttp());
        auth.put("GRPC_SERVER_PORT", Integer.toString(requested.authGrpc()));
        auth.put("TOLLGATE_AUTH_BOOTSTRAP_FILE", accountsFile.toString());
        auth.put("TOLLGATE_AUTH_ISSUER", ISSUER);
        auth.put("TOLLGATE_AUTH_AUDIENCE", AUDIENCE);
        auth.put("GRPC_CHANNELS_ROUTER_ADDRESS", "localhost:" + routerGrpc);
        auth.putAll(certificates.environment("auth-service"));
        auth.putAll(extraEnv.getOrDefault("auth-service", Map.of()));
        ServiceProcess authService = startAll(logs, new Launch(root, "auth-service",
                "io.tollgate.auth.AuthApplication", auth, List.of("http", "grpc", "metrics"), "256m")).get(0);
        int authHttp = authService.port("http");
        int authGrpc = authService.port("grpc");
        if (jwksForward != null) {
            jwksForward.forwardTo(authHttp);
        }

        Map<String, String> flight = new LinkedHashMap<>();
        flight.put("MICRONAUT_SERVER_PORT", httpPortSetting(requested.flightHttp()));
        flight.put("TOLLGATE_METRICS_PORT", metricsPortSetting(requested.flightHttp()));
        flight.put("TOLLGATE_FLIGHT_PORT", Integer.toString(requested.flight()));
        flight.put("TOLLGATE_FLIGHT_HANDLE_KEY", handleKey());
        flight.put("TOLLGATE_FLIGHT_MEMORY_LIMIT_BYTES", Long.toString(512L << 20));
        flight.put("TOLLGATE_FLIGHT_QUERY_MEMORY_BYTES", Long.toString(256L << 20));
        flight.put("GRPC_CHANNELS_AUTH_ADDRESS", "localhost:" + authGrpc);
        flight.put("GRPC_CHANNELS_ROUTER_ADDRESS", "localhost:" + routerGrpc);
        flight.putAll(tokenEnv(authHttp));
        flight.putAll(certificates.environment("flight-service"));
        flight.putAll(extraEnv.getOrDefault("flight-service", Map.of()));

        Map<String, String> catalog = serviceEnv(requested.catalogHttp());
        catalog.putAll(tokenEnv(authHttp));
        catalog.put("GRPC_CHANNELS_AUTH_ADDRESS", "localhost:" + authGrpc);
        catalog.put("GRPC_CHANNELS_ROUTER_ADDRESS", "localhost:" + routerGrpc);
        catalog.putAll(certificates.environment("catalog-service"));
        catalog.putAll(extraEnv.getOrDefault("catalog-service", Map.of()));
        List<ServiceProcess> dataPlanes = startAll(logs,
                new Launch(root, "flight-service", "io.tollgate.flight.FlightApplication", flight,
                        List.of("http", "flight", "metrics"), "512m"),
                new Launch(root, "catalog-service", "io.tollgate.catalog.CatalogApplication", catalog,
                        List.of("http", "metrics"), "256m"));
        ServiceProcess flightService = dataPlanes.get(0);
        ServiceProcess catalogService = dataPlanes.get(1);
        bound = new SuitePorts(authHttp, authGrpc, routerService.port("http"), routerGrpc,
                flightService.port("http"), flightService.port("flight"), catalogService.port("http"));
        if (spark != null && Files.isDirectory(root.resolve(CONNECT_SERVICE))) {
            connectService = startConnectService(root, logs, authHttp, authGrpc, routerGrpc, extraEnv);
        }
    }

    /**
     * connect-service, the Spark Connect gateway, on Spark Connect's default port (any port in tests):
     * plaintext for development on localhost (where Spark's clients send a token in the clear), or
     * TLS with a certificate for localhost from the suite's CA.
     */
    private ServiceProcess startConnectService(Path root, Path logs, int authHttp, int authGrpc, int routerGrpc,
                                               Map<String, Map<String, String>> extraEnv) {
        Map<String, String> connect = new LinkedHashMap<>();
        // Its HTTP port serves only health: wherever the kernel puts it.
        connect.put("MICRONAUT_SERVER_PORT", httpPortSetting(SuitePorts.ANY));
        connect.put("TOLLGATE_CONNECT_PORT", Integer.toString(requested.equals(SuitePorts.any()) ? SuitePorts.ANY
                : SPARK_CONNECT_PORT));
        // Loopback only: a token may cross it in the clear, and nothing else on the network should reach it.
        connect.put("TOLLGATE_CONNECT_HOST", "127.0.0.1");
        if (sparkConnectCa == null) {
            connect.put("TOLLGATE_CONNECT_PLAINTEXT", "true");
        } else {
            TestPki.Issued server = TestPki.server(sparkConnectCa.certificateFile().getParent(), "spark-connect",
                    sparkConnectCa);
            connect.put("TOLLGATE_CONNECT_TLS_CERT_CHAIN", server.certificateFile().toString());
            connect.put("TOLLGATE_CONNECT_TLS_PRIVATE_KEY", server.keyFile().toString());
        }
        connect.put("GRPC_CHANNELS_AUTH_ADDRESS", "localhost:" + authGrpc);
        connect.put("GRPC_CHANNELS_ROUTER_ADDRESS", "localhost:" + routerGrpc);
        connect.putAll(tokenEnv(authHttp));
        connect.putAll(certificates.environment(CONNECT_SERVICE));
        connect.putAll(extraEnv.getOrDefault(CONNECT_SERVICE, Map.of()));
        return startAll(logs, new Launch(root, CONNECT_SERVICE, "io.tollgate.connect.ConnectApplication", connect,
                List.of("http", SPARK_CONNECT_PORT_NAME), "512m")).get(0);
    }

    /**
     * The auth-service HTTP port router-service fetches token keys from. router-service starts
     * before auth-service (which needs router's gRPC port), so when auth's port is the kernel's
     * choice router is given a port held here and forwarded to auth's once auth has reported it.
     */
    private int routerJwksPort() {
        if (requested.authHttp() != SuitePorts.ANY) {
            return requested.authHttp();
        }
        jwksForward = PortForward.open();
        return jwksForward.port();
    }

    /** How to start one service process. */
    private record Launch(Path root, String module, String mainClass, Map<String, String> env,
                          List<String> portNames, String maxHeap) {
    }

    /** Starts services side by side and waits until each is healthy. */
    private List<ServiceProcess> startAll(Path logs, Launch... launches) {
        List<ServiceProcess> started = new ArrayList<>();
        for (Launch launch : launches) {
            ServiceProcess service = ServiceProcess.start(launch.root(), launch.module(), launch.mainClass(),
                    launch.env(), launch.portNames(), logs, launch.maxHeap());
            services.add(service);
            started.add(service);
        }
        for (ServiceProcess service : started) {
            service.awaitHealthy(STARTUP_TIMEOUT);
        }
        return started;
    }

    /**
     * The scrape listener's port: the kernel's choice when the HTTP port is, else the HTTP port
     * plus 1000 (8081 → 9081, ..., 8181 → 9181: distinct for four services on one machine).
     */
    private static String metricsPortSetting(int httpPort) {
        return Integer.toString(httpPort == SuitePorts.ANY ? 0 : httpPort + 1000);
    }

    /** Micronaut's HTTP server takes -1, not 0, for "any free port". */
    private static String httpPortSetting(int port) {
        return Integer.toString(port == SuitePorts.ANY ? -1 : port);
    }

    private Map<String, String> serviceEnv(int httpPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MICRONAUT_SERVER_PORT", httpPortSetting(httpPort));
        env.put("TOLLGATE_METRICS_PORT", metricsPortSetting(httpPort));
        env.put("DATASOURCES_DEFAULT_URL", postgres.jdbcUrl(provisioner.servicesDatabase()));
        env.put("DATASOURCES_DEFAULT_USERNAME", postgres.superuser());
        env.put("DATASOURCES_DEFAULT_PASSWORD", postgres.superuserPassword());
        return env;
    }

    private static Map<String, String> tokenEnv(int authHttp) {
        return new LinkedHashMap<>(Map.of(
                "TOLLGATE_TOKENS_ISSUER", ISSUER,
                "TOLLGATE_TOKENS_AUDIENCE", AUDIENCE,
                "TOLLGATE_TOKENS_JWKS_URI", "http://localhost:" + authHttp + "/oauth2/jwks"));
    }

    private String handleKey() {
        byte[] key = Base64.getUrlDecoder().decode(secrets.get("flight.handle-key"));
        return Base64.getEncoder().encodeToString(key);
    }

    private Map<String, Object> tenantsBootstrap() {
        List<Map<String, Object>> tenants = new ArrayList<>();
        for (DemoTenant tenant : DemoTenant.all()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", tenant.id());
            t.put("displayName", tenant.name());
            t.put("status", "active");
            t.put("isolationMode", tenant.sharedRls() ? "SHARED_RLS" : "DEDICATED");
            t.put("jdbcUrl", postgres.jdbcUrl(provisioner.databaseOf(tenant)));
            t.put("username", DemoProvisioner.roleOf(tenant));
            t.put("password", provisioner.rolePassword(tenant));
            Map<String, Object> logins = new LinkedHashMap<>();
            for (AccessClass accessClass : List.of(AccessClass.READER, AccessClass.WRITER)) {
                logins.put(accessClass.wireName(), Map.of("username", DemoProvisioner.loginOf(tenant, accessClass),
                        "password", provisioner.loginPassword(tenant, accessClass)));
            }
            t.put("logins", logins);
            t.put("labels", Map.of("demo", "true"));
            t.put("contextVariables", List.of(Map.of("name", "tollgate.tenant_id", "source", "TENANT_ID")));
            t.put("quotas", Map.of("maxConcurrentQueries", 8, "statementTimeoutMs", 60000,
                    "maxResultRows", 0, "maxResultBytes", 0));
            t.put("warehouses", warehouseNamesOf(tenant).stream().map(name -> warehouseBootstrap(tenant, name)).toList());
            if (spark != null) {
                t.put("upstreams", List.of(spark.upstream(tenant)));
            }
            tenants.add(t);
        }
        return Map.of("tenants", tenants);
    }

    /**
     * A demo tenant's warehouses; when the test chose some tenants' roots, only those tenants' first
     * warehouses: a chosen root may be wide (e.g. {@code file:///tmp}, where a client asks for fixed
     * locations) and the registry refuses any other warehouse under it, as the suite's own may be.
     */
    private List<String> warehouseNamesOf(DemoTenant tenant) {
        if (warehouseLocations.isEmpty()) {
            return tenant.warehouseNames();
        }
        return warehouseLocations.containsKey(tenant.id()) ? List.of(tenant.warehouseName()) : List.of();
    }

    // Storage settings only where the test gave some: for the tenant's first warehouse.
    private Map<String, Object> warehouseBootstrap(DemoTenant tenant, String warehouse) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", warehouse);
        w.put("location", warehouseLocation(tenant, warehouse));
        S3WarehouseStorage storage = warehouseStorage.get(tenant.id());
        if (storage != null && warehouse.equals(tenant.warehouseName())) {
            w.put("storage", storage.bootstrapJson());
        }
        return w;
    }

    private Map<String, Object> accountsBootstrap() {
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (DemoTenant tenant : DemoTenant.all()) {
            for (DemoTenant.DemoAccount account : tenant.accounts()) {
                accounts.add(Map.of("username", account.username(), "password", password(account),
                        "roles", account.roles()));
            }
        }
        accounts.add(Map.of("username", PLATFORM_ADMIN, "password", platformAdminPassword(),
                "roles", List.of("platform-admin")));
        // Each tenant's OAuth2 client for Iceberg clients (credential=id:secret).
        List<Map<String, Object>> clients = new ArrayList<>();
        for (DemoTenant tenant : DemoTenant.all()) {
            clients.add(Map.of("clientId", tenant.catalogClientId(), "secret", catalogClientSecret(tenant),
                    "tenantId", tenant.id(), "roles", List.of("writer"), "scopes", List.of("catalog")));
        }
        return Map.of("accounts", accounts, "clients", clients);
    }

    /** The platform administrator: all tenants, no data plane (tenant {@code platform}). */
    public static final String PLATFORM_ADMIN = "admin@platform";

    public String platformAdminPassword() {
        return secrets.get("account." + PLATFORM_ADMIN + ".password");
    }

    /** The generated password of a demo account. */
    public String password(DemoTenant.DemoAccount account) {
        return secrets.get("account." + account.username() + ".password");
    }

    /** The generated secret of a demo tenant's OAuth2 client for Iceberg clients. */
    public String catalogClientSecret(DemoTenant tenant) {
        return secrets.get("client." + tenant.catalogClientId() + ".secret");
    }

    /** Settings that point an Iceberg client (Java, Spark, PyIceberg) at a demo tenant's warehouse. */
    public CatalogClientSettings catalogClientSettings(DemoTenant tenant) {
        return new CatalogClientSettings(tenant.id(), catalogUri(), tenant.warehouseName(),
                tenant.catalogClientId() + ":" + catalogClientSecret(tenant), authUri() + "/oauth2/token");
    }

    /** The suite's internal CA and service certificates: a test calls a gRPC port as a service with them. */
    public InternalCertificates certificates() {
        return certificates;
    }

    /** The port of a service's Prometheus scrape listener ({@code GET /metrics}), e.g. of {@code catalog-service}. */
    public int metricsPort(String service) {
        return services.stream().filter(process -> process.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such service: " + service)).port("metrics");
    }

    /** The ports the services listen on (those they bound, when they were free to choose). */
    public SuitePorts ports() {
        return bound;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** The process of one service, by its module name (e.g. {@code flight-service}). */
    public ServiceProcess service(String module) {
        return services.stream().filter(s -> s.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + " in this suite"));
    }

    /** The process ids of the demo tenants' Spark Connect servers (none without Spark). */
    public List<Long> sparkServerPids() {
        return spark == null ? List.of() : spark.pids();
    }

    /** Whether the suite was started with Spark Connect servers for the demo tenants. */
    public boolean hasSpark() {
        return spark != null;
    }

    /** A demo tenant's Spark Connect server, {@code localhost:<port>} (with Spark only). */
    public String sparkBackendEndpoint(DemoTenant tenant) {
        return spark.endpoint(tenant);
    }

    /** What a demo tenant's Spark Connect server has logged so far (with Spark only). */
    public String sparkBackendLog(DemoTenant tenant) {
        return spark.log(tenant);
    }

    /**
     * connect-service's Spark Connect URL without a token, {@code sc://localhost:<port>} (with
     * {@code /;use_ssl=true} to add when it serves TLS); empty where it does not run.
     */
    public Optional<String> sparkConnectUri() {
        return connectService == null ? Optional.empty()
                : Optional.of("sc://localhost:" + connectService.port(SPARK_CONNECT_PORT_NAME));
    }

    /** The CA connect-service's certificate is signed by, when its port serves TLS ({@link #startForTestWithSpark}). */
    public Optional<TestPki.Issued> sparkConnectCa() {
        return Optional.ofNullable(sparkConnectCa);
    }

    /**
     * A demo tenant's Spark Connect upstream as router-service's admin API takes it (its backend
     * token included), for a test that replaces the tenant's definition.
     */
    public Map<String, Object> sparkUpstream(DemoTenant tenant) {
        return spark.upstream(tenant);
    }

    /** The Flight SQL endpoint as a Flight location. */
    public String flightUri() {
        return "grpc+tcp://localhost:" + bound.flight();
    }

    /** A Flight SQL JDBC URL without credentials. */
    public String flightJdbcUrl() {
        return "jdbc:arrow-flight-sql://localhost:" + bound.flight() + "/?useEncryption=false";
    }

    public String routerUri() {
        return "http://localhost:" + bound.routerHttp();
    }

    public String authUri() {
        return "http://localhost:" + bound.authHttp();
    }

    public String catalogUri() {
        return "http://localhost:" + bound.catalogHttp();
    }

    /** The contents of {@code demo.env}: endpoints and demo credentials as shell assignments. */
    public String demoEnv() {
        StringBuilder env = new StringBuilder("# Tollgate demo: endpoints and generated credentials (development only)\n");
        env.append("TOLLGATE_FLIGHT_URI=").append(flightUri()).append('\n');
        env.append("TOLLGATE_FLIGHT_JDBC_URL='").append(flightJdbcUrl()).append("'\n");
        env.append("TOLLGATE_CATALOG_URI=").append(catalogUri()).append('\n');
        env.append("TOLLGATE_AUTH_URI=http://localhost:").append(bound.authHttp()).append('\n');
        env.append("TOLLGATE_ROUTER_URI=http://localhost:").append(bound.routerHttp()).append('\n');
        env.append("TOLLGATE_POSTGRES_URL=").append(postgres.jdbcUrl("postgres")).append('\n');
        env.append("TOLLGATE_PLATFORM_ADMIN_USER=").append(PLATFORM_ADMIN).append('\n');
        env.append("TOLLGATE_PLATFORM_ADMIN_PASSWORD=").append(platformAdminPassword()).append('\n');
        for (DemoTenant tenant : DemoTenant.all()) {
            for (DemoTenant.DemoAccount account : tenant.accounts()) {
                env.append(account.envPrefix()).append("_USER=").append(account.username()).append('\n');
                env.append(account.envPrefix()).append("_PASSWORD=").append(password(account)).append('\n');
            }
            String tenantPrefix = "TOLLGATE_" + tenant.id().toUpperCase().replace('-', '_');
            env.append(tenantPrefix).append("_WAREHOUSE=").append(tenant.warehouseName()).append('\n');
            env.append(tenantPrefix).append("_CATALOG_CREDENTIAL=").append(tenant.catalogClientId()).append(':')
                    .append(catalogClientSecret(tenant)).append('\n');
            if (spark != null) {
                // The server itself, behind the gateway: for side-by-side comparisons.
                env.append(tenantPrefix).append("_SPARK_BACKEND=").append(spark.endpoint(tenant)).append('\n');
            }
        }
        sparkConnectUri().ifPresent(uri -> env.append("TOLLGATE_SPARK_CONNECT_URI=").append(uri).append('\n'));
        return env.toString();
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (spark != null) {
            spark.close();
        }
        if (jwksForward != null) {
            jwksForward.close();
        }
        if (ownsPostgres) {
            postgres.close();
        }
    }
}
