package io.tollgate.auth.persistence;

import io.tollgate.common.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Role wire names as stored in a {@code roles} column. */
final class RoleNames {
    private static final Logger LOG = LoggerFactory.getLogger(RoleNames.class);

    private RoleNames() {
    }

    /**
     * The roles this build knows. An unknown name grants nothing (it is dropped with a warning)
     * rather than failing the login open or closed for every other role.
     */
    static Set<Role> known(List<String> wireNames, String owner) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String wireName : wireNames) {
            Optional<Role> role = Role.fromWireName(wireName);
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                LOG.warn("{} has unknown role '{}'; ignoring it", owner, wireName);
            }
        }
        return roles;
    }

    static List<String> wireNames(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().toList();
    }
}
