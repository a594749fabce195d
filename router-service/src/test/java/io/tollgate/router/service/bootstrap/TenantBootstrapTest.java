package io.tollgate.router.service.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.service.KeptFromStored;
import io.tollgate.router.service.RevisionCondition;
import io.tollgate.router.service.TenantRegistry;
import io.tollgate.router.service.TenantWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TenantBootstrapTest extends RouterServiceTest {
    @Inject
    TenantBootstrap bootstrap;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantWriter writer;

    @Override
    protected String bootstrapJson() {
        return BootstrapFiles.minimalTenants("acme", "globex");
    }

    private Tenant tenant(String id) {
        return registry.resolve(id).orElseThrow();
    }

    @Test
    void runningTheSameBootstrapAgainCreatesNothingAndLeavesRevisionsUnchanged() {
        Tenant acme = tenant("acme");
        Tenant globex = tenant("globex");

        List<Tenant> created = bootstrap.apply(bootstrapFile);

        assertEquals(List.of(), created);
        assertEquals(acme, tenant("acme"));
        assertEquals(globex, tenant("globex"));
    }

    @Test
    void aLaterBootstrapAddsNewTenantsButNeverOverwritesExistingOnes() {
        Tenant globex = tenant("globex");
        Path changed = BootstrapFiles.write("""
                {"tenants":[
                  {"id":"globex","displayName":"Renamed","isolationMode":"DEDICATED",
                   "jdbcUrl":"jdbc:postgresql://elsewhere/globex","username":"other","password":"other"},
                  %s
                ]}""".formatted(BootstrapFiles.minimalTenant("initech")));

        List<Tenant> created = bootstrap.apply(changed);

        assertEquals(List.of("initech"), created.stream().map(Tenant::id).toList());
        assertEquals(globex, tenant("globex"));
        assertTrue(tenant("initech").revision() > globex.revision());
    }

    @Test
    void aReplacementChangesATenantAtAHigherRevision() {
        Tenant acme = tenant("acme");
        TenantDefinition renamed = new TenantDefinition(acme.id(), "Acme Renamed", acme.definition().status(),
                acme.definition().labels(), acme.definition().sqlBackend(), acme.definition().contextVariables(),
                acme.definition().quotas(), acme.definition().warehouses(), acme.definition().upstreams());

        Tenant updated = writer.replace(renamed, KeptFromStored.NOTHING, RevisionCondition.ANY, "test");

        assertEquals("Acme Renamed", tenant("acme").definition().displayName());
        assertTrue(updated.revision() > acme.revision());
        assertEquals(acme.createdAt(), updated.createdAt());
    }
}
