package io.tollgate.router.service.bootstrap;

import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.service.TenantWriter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Seeds the registry from a bootstrap file. Tenants that already exist are left exactly as they
 * are: the file is a starting point, and later changes made through the registry win.
 */
@Singleton
public class TenantBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(TenantBootstrap.class);

    /** The actor the change log records for tenants the bootstrap file creates. */
    public static final String ACTOR = "bootstrap";

    private final BootstrapFileParser parser;
    private final TenantWriter writer;

    public TenantBootstrap(BootstrapFileParser parser, TenantWriter writer) {
        this.parser = parser;
        this.writer = writer;
    }

    /** Creates the file's missing tenants; returns those created. */
    public List<Tenant> apply(Path file) {
        // Everything is validated before the first write, so a bad file changes nothing.
        List<TenantDefinition> tenants = parser.parse(file);
        List<Tenant> created = tenants.stream()
                .map(tenant -> writer.createIfAbsent(tenant, ACTOR))
                .flatMap(Optional::stream)
                .toList();
        created.forEach(t -> LOG.info("Bootstrap created tenant {} at revision {}", t.id(), t.revision()));
        LOG.info("Tenant bootstrap from {}: {} created, {} already present", file, created.size(),
                tenants.size() - created.size());
        return created;
    }
}
