package io.tollgate.auth.service;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.persistence.ClientStore;
import io.tollgate.auth.service.BootstrapEntries.Wanted;
import io.tollgate.auth.service.BootstrapEntries.WantedAccount;
import io.tollgate.auth.service.BootstrapEntries.WantedClient;
import io.tollgate.common.auth.Role;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the accounts and service clients listed in {@code tollgate.auth.bootstrap-file} that do
 * not exist yet, and leaves existing ones alone (a changed password or secret in the file does
 * not overwrite a live one).
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
    private final ClientStore clients;
    private final PasswordHasher hasher;

    public AccountBootstrap(AuthConfig config, JsonMapper json, AccountStore accounts, ClientStore clients,
                            PasswordHasher hasher) {
        this.config = config;
        this.json = json;
        this.accounts = accounts;
        this.clients = clients;
        this.hasher = hasher;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (config.bootstrapFile() == null || config.bootstrapFile().isBlank()) {
            return;
        }
        Path file = Path.of(config.bootstrapFile());
        Wanted wanted = BootstrapEntries.validate(file, read(file));
        int createdAccounts = 0;
        for (WantedAccount account : wanted.accounts()) {
            if (createIfAbsent(account)) {
                createdAccounts++;
            }
        }
        int createdClients = 0;
        for (WantedClient client : wanted.clients()) {
            if (createIfAbsent(client)) {
                createdClients++;
            }
        }
        LOG.info("bootstrap file {}: {} account(s) listed, {} created; {} client(s) listed, {} created", file,
                wanted.accounts().size(), createdAccounts, wanted.clients().size(), createdClients);
    }

    private BootstrapFile read(Path file) {
        try {
            return json.readValue(Files.readAllBytes(file), Argument.of(BootstrapFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap file " + file, e);
        }
    }

    private boolean createIfAbsent(WantedAccount account) {
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

    private boolean createIfAbsent(WantedClient client) {
        if (clients.exists(client.clientId())
                || (client.legacyClientId() != null && clients.exists(client.legacyClientId()))) {
            return false;
        }
        boolean created = clients.createIfAbsent(client.clientId(), client.legacyClientId(), client.tenantId(),
                hasher.hash(client.secret()), client.roles(), client.scopes());
        if (created) {
            LOG.info("bootstrap created client {} in tenant {} with roles {} and scopes {}", client.clientId(),
                    client.tenantId(), client.roles().stream().map(Role::wireName).sorted().toList(),
                    client.scopes().stream().sorted().toList());
        }
        return created;
    }
}
