package io.tollgate.auth.service;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the accounts listed in {@code tollgate.auth.bootstrap-file} that do not exist yet, and
 * leaves existing ones alone (a changed password in the file does not overwrite a live one).
 *
 * <p>Runs on {@link StartupEvent}, which Micronaut publishes synchronously after the context has
 * started and before it starts the HTTP and gRPC servers: nothing can log in, and health does not
 * answer, until it is done. A malformed file stops the start-up.
 */
@Singleton
public class AccountBootstrap implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);

    private final AuthConfig config;
    private final JsonMapper json;
    private final AccountStore accounts;
    private final PasswordHasher hasher;

    public AccountBootstrap(AuthConfig config, JsonMapper json, AccountStore accounts, PasswordHasher hasher) {
        this.config = config;
        this.json = json;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (config.bootstrapFile() == null || config.bootstrapFile().isBlank()) {
            return;
        }
        Path file = Path.of(config.bootstrapFile());
        // Every entry is checked before any is created, so that a typo does not leave half a
        // bootstrap behind.
        List<Wanted> wanted = read(file).stream().map(entry -> validate(file, entry)).toList();
        int created = 0;
        for (Wanted account : wanted) {
            if (createIfAbsent(account)) {
                created++;
            }
        }
        LOG.info("bootstrap file {}: {} account(s) listed, {} created", file, wanted.size(), created);
    }

    private List<BootstrapFile.Entry> read(Path file) {
        try {
            BootstrapFile parsed = json.readValue(Files.readAllBytes(file), Argument.of(BootstrapFile.class));
            if (parsed == null || parsed.accounts() == null) {
                throw invalid(file, "it has no \"accounts\" array");
            }
            return parsed.accounts();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap file " + file, e);
        }
    }

    private static Wanted validate(Path file, BootstrapFile.Entry entry) {
        if (entry == null) {
            throw invalid(file, "an entry of \"accounts\" is null");
        }
        AccountName name = AccountName.parse(entry.username())
                .orElseThrow(() -> invalid(file, "\"" + entry.username() + "\" is not of the form name@tenant"));
        if (entry.password() == null || entry.password().isBlank()) {
            throw invalid(file, name + " has no password");
        }
        return new Wanted(name, entry.password(), roles(file, name, entry.roles()));
    }

    private boolean createIfAbsent(Wanted account) {
        // Checked first so that a restart does not spend a hash per listed account.
        if (accounts.exists(account.name())) {
            return false;
        }
        boolean created = accounts.createIfAbsent(account.name(), hasher.hash(account.password()), account.roles());
        if (created) {
            LOG.info("bootstrap created account {} with roles {}", account.name(),
                    account.roles().stream().map(Role::wireName).sorted().toList());
        }
        return created;
    }

    private static Set<Role> roles(Path file, AccountName name, List<String> wireNames) {
        if (wireNames == null) {
            throw invalid(file, name + " has no \"roles\"");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String wireName : wireNames) {
            roles.add(Role.fromWireName(wireName)
                    .orElseThrow(() -> invalid(file, name + " has unknown role \"" + wireName + "\"")));
        }
        return roles;
    }

    private static IllegalStateException invalid(Path file, String problem) {
        return new IllegalStateException("invalid bootstrap file " + file + ": " + problem);
    }

    private record Wanted(AccountName name, String password, Set<Role> roles) {
        @Override
        public String toString() {
            return "Wanted[name=" + name + ", roles=" + roles + "]";
        }
    }
}
