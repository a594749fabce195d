package io.tollgate.router.domain;

import java.util.List;
import java.util.Optional;

/**
 * No two warehouses share storage: catalog-service confines each tenant's tables to its warehouse's
 * root, and a root equal to, inside or above another warehouse's would let one warehouse's tables
 * reach the other's files with confinement none the wiser. Locations are compared in the registry's
 * normalised form ({@code file:///path} or {@code s3://bucket/prefix}, no trailing slash), a prefix
 * counting only at a {@code /} boundary.
 */
public final class WarehouseRoots {
    private WarehouseRoots() {
    }

    /** Whether two normalised warehouse locations overlap (equal, or one lies under the other). */
    public static boolean overlap(String a, String b) {
        return a.equals(b) || under(a, b) || under(b, a);
    }

    private static boolean under(String inner, String outer) {
        String prefix = outer.endsWith("/") ? outer : outer + "/";
        return inner.startsWith(prefix);
    }

    /**
     * The index of the first of {@code wanted}'s warehouses whose root overlaps one of
     * {@code others}' or another of {@code wanted}'s own; empty when none does.
     */
    public static Optional<Integer> firstOverlap(List<Warehouse> wanted, List<Warehouse> others) {
        for (int i = 0; i < wanted.size(); i++) {
            String location = wanted.get(i).location();
            for (int j = 0; j < wanted.size(); j++) {
                if (j != i && overlap(location, wanted.get(j).location())) {
                    return Optional.of(i);
                }
            }
            for (Warehouse other : others) {
                if (overlap(location, other.location())) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }
}
