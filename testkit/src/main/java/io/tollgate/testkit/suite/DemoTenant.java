package io.tollgate.testkit.suite;

import java.util.List;
import java.util.stream.Stream;

/**
 * One demo tenant: its database, its accounts and the orders it holds.
 *
 * @param id         the tenant id
 * @param name       its display name
 * @param sharedRls  true when it lives in the shared database behind row-level security
 * @param database   the database that holds its rows (before the suite's suffix)
 * @param customers  the customers of its orders, in id order (what a reader must see, and only that)
 * @param moreWarehouses the names of its warehouses after the first ({@link #warehouseName()})
 */
public record DemoTenant(String id, String name, boolean sharedRls, String database, List<String> customers,
                         List<String> moreWarehouses) {

    /**
     * The demo's two tenants: acme in a dedicated database, globex in the shared one. acme has a
     * second warehouse, so that tests can show two warehouses of one tenant are separate catalogs.
     */
    public static List<DemoTenant> all() {
        return List.of(
                new DemoTenant("acme", "Acme Corporation", false, "tenant_acme",
                        List.of("Wile E. Coyote", "Road Runner Supply", "Acme Anvils Ltd"), List.of("acme-archive")),
                new DemoTenant("globex", "Globex Corporation", true, DemoProvisioner.SHARED_DATABASE,
                        List.of("Hank Scorpio", "Cypress Creek Holdings"), List.of()));
    }

    /** The name of its first Iceberg warehouse (a client that names none gets it), the catalog's URL prefix for it. */
    public String warehouseName() {
        return id + "-lake";
    }

    /** The names of all its warehouses, the first first. */
    public List<String> warehouseNames() {
        return Stream.concat(Stream.of(warehouseName()), moreWarehouses.stream()).toList();
    }

    /** The id of its OAuth2 client for Iceberg clients (writer, scope catalog), as {@code credential=id:secret}. */
    public String catalogClientId() {
        return "lake@" + id;
    }

    /** The demo accounts of this tenant: a reader, an admin and a writer (in that order). */
    public List<DemoAccount> accounts() {
        return List.of(new DemoAccount("reader", id, List.of("reader")),
                new DemoAccount("admin", id, List.of("tenant-admin")),
                new DemoAccount("writer", id, List.of("writer")));
    }

    /** A demo account. */
    public record DemoAccount(String name, String tenantId, List<String> roles) {
        public String username() {
            return name + "@" + tenantId;
        }

        /** The prefix of its variables in demo.env, e.g. {@code TOLLGATE_ACME_READER}. */
        public String envPrefix() {
            return "TOLLGATE_" + tenantId.toUpperCase().replace('-', '_') + "_" + name.toUpperCase();
        }
    }
}
