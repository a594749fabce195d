package io.tollgate.flight.support;

import io.tollgate.proto.router.v1.Tenant;

import java.sql.SQLException;
import java.util.List;

/**
 * Two tenants in one database. acme owns a small shop (customers, orders, order lines, a view);
 * globex owns a table of its own; a table in public belongs to neither. Each tenant's role sees
 * only its own schema's objects (and what PUBLIC may see).
 */
public final class ShopSchema {
    private ShopSchema() {
    }

    public static List<Tenant> create(TenantDatabase db) throws SQLException {
        Tenant acme = db.addTenant("acme", 4);
        Tenant globex = db.addTenant("globex", 4);
        db.executeAs("acme",
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "COMMENT ON COLUMN customers.name IS 'display name'",
                """
                CREATE TABLE orders (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  customer_id int NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                  amount numeric(10,2), placed timestamptz)""",
                """
                CREATE TABLE order_lines (
                  order_id bigint REFERENCES orders (id), line int, sku varchar(20),
                  PRIMARY KEY (order_id, line))""",
                "CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                "INSERT INTO orders (customer_id, amount, placed) VALUES (1, 250.00, '2026-01-01 10:00+00'),"
                        + " (2, 12.50, '2026-01-02 11:00+00')");
        db.executeAs("globex", "CREATE TABLE secrets (id int PRIMARY KEY)");
        db.execute("CREATE TABLE public.unshared (id int)");
        return List.of(acme, globex);
    }
}
