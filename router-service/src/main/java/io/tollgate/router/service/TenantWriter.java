package io.tollgate.router.service;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.tenant.TenantIds;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.ChangeKind;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.domain.Warehouse;
import io.tollgate.router.domain.WarehouseRoots;
import io.tollgate.router.persistence.RegistryLock;
import io.tollgate.router.persistence.TenantChangeRepository;
import io.tollgate.router.persistence.TenantRepository;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.watch.ChangeFeed;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every write to the registry. Each one, in one transaction: takes the registry lock (so that
 * revisions commit in order across replicas), reads the tenant, checks the caller's expectations,
 * writes the tenant at a new revision and appends the change, with who made it, to the change log.
 * After the commit this replica's watchers are woken; other replicas' pollers find the change.
 */
@Singleton
public class TenantWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TenantWriter.class);

    private final TransactionOperations<Connection> transactions;
    private final RegistryLock lock;
    private final TenantRepository tenants;
    private final TenantChangeRepository changes;
    private final BackendResolver backends;
    private final CredentialsResolver credentials;
    private final ChangeFeed feed;

    TenantWriter(TransactionOperations<Connection> transactions, RegistryLock lock, TenantRepository tenants,
                 TenantChangeRepository changes, BackendResolver backends, CredentialsResolver credentials,
                 ChangeFeed feed) {
        this.transactions = transactions;
        this.credentials = credentials;
        this.lock = lock;
        this.tenants = tenants;
        this.changes = changes;
        this.backends = backends;
        this.feed = feed;
    }

    /** @throws TenantAlreadyExistsException when the id is taken */
    public Tenant create(TenantDefinition tenant, String actor) {
        return createIfAbsent(tenant, actor).orElseThrow(() -> new TenantAlreadyExistsException(tenant.id()));
    }

    /** Creates the tenant unless one with its id exists; empty (and nothing written) when it does. */
    public Optional<Tenant> createIfAbsent(TenantDefinition tenant, String actor) {
        requireValidId(tenant.id());
        requireResolvable(tenant, EnumSet.allOf(AccessClass.class));
        Optional<Tenant> created = write(() -> {
            requireOwnStorage(tenant);
            Optional<Tenant> inserted = tenants.insert(tenant);
            inserted.ifPresent(t -> changes.append(t.revision(), t.id(), ChangeKind.CREATED, actor,
                    ChangeDescriber.created(t.definition())));
            return inserted;
        });
        created.ifPresent(t -> LOG.info("tenant {} created at revision {} by {}", t.id(), t.revision(), actor));
        return created;
    }

    /**
     * Replaces everything a tenant's definition holds but its status, which changes only through
     * {@link #suspend}, {@link #resume} and {@link #requestDeletion}. Nothing is written when
     * nothing changes.
     *
     * @param kept what the request left out and the stored tenant supplies: password references
     *             (reads never show a literal password, so a client that read the tenant cannot
     *             send it back) and the class logins
     */
    public Tenant replace(TenantDefinition tenant, KeptFromStored kept, RevisionCondition condition, String actor) {
        Set<AccessClass> given = EnumSet.allOf(AccessClass.class);
        given.removeAll(kept.passwordRefs());
        if (kept.classLogins()) {
            given.removeAll(EnumSet.of(AccessClass.READER, AccessClass.WRITER));
        }
        requireResolvable(tenant, given);
        return write(() -> {
            Tenant current = current(tenant.id(), condition);
            TenantDefinition was = current.definition();
            if (was.status() == TenantStatus.DELETING) {
                throw new TenantStateConflictException("tenant is being deleted");
            }
            TenantDefinition wanted = withStatus(tenant, was.status());
            if (kept.classLogins()) {
                wanted = withBackend(wanted, wanted.sqlBackend().withLogins(was.sqlBackend().logins()));
            }
            for (AccessClass accessClass : kept.passwordRefs()) {
                wanted = withBackend(wanted, keepPasswordRef(wanted.sqlBackend(), was.sqlBackend(), accessClass));
            }
            requireOwnStorage(wanted);
            return update(current, wanted, actor);
        });
    }

    // A class that had no login of its own has no password to keep: the request must give one.
    private static SqlBackend keepPasswordRef(SqlBackend wanted, SqlBackend was, AccessClass accessClass) {
        CredentialsRef login = wanted.login(accessClass);
        return switch (accessClass) {
            case ADMIN -> new SqlBackend(wanted.jdbcUrl(), wanted.isolationMode(),
                    new CredentialsRef(login.username(), was.credentials().passwordRef()), wanted.pool(), wanted.logins());
            case READER -> wanted.withLogins(new ClassLogins(
                    new CredentialsRef(login.username(), storedClassRef(was.logins().reader(), accessClass)),
                    wanted.logins().writer()));
            case WRITER -> wanted.withLogins(new ClassLogins(wanted.logins().reader(),
                    new CredentialsRef(login.username(), storedClassRef(was.logins().writer(), accessClass))));
        };
    }

    private static String storedClassRef(CredentialsRef stored, AccessClass accessClass) {
        if (stored == null) {
            throw InvalidTenantException.of("sqlBackend.logins." + accessClass.wireName() + ".password",
                    "required: the class has no login of its own yet, so there is no password to keep");
        }
        return stored.passwordRef();
    }

    /** Sets an active tenant suspended; a suspended one stays as it is. */
    public Tenant suspend(String id, RevisionCondition condition, String actor) {
        return changeStatus(id, TenantStatus.SUSPENDED, condition, actor);
    }

    /** Sets a suspended tenant active; an active one stays as it is. */
    public Tenant resume(String id, RevisionCondition condition, String actor) {
        return changeStatus(id, TenantStatus.ACTIVE, condition, actor);
    }

    /**
     * Sets the tenant {@code deleting}: the data services refuse it from the next change they see,
     * and {@link #removeIfDrained} removes it once the drain period is over.
     */
    public Tenant requestDeletion(String id, RevisionCondition condition, String actor) {
        return changeStatus(id, TenantStatus.DELETING, condition, actor);
    }

    /** Removes the tenant if it is still deleting and has been for the drain period. */
    public boolean removeIfDrained(String id, Duration drainPeriod, String actor) {
        boolean removed = write(() -> {
            Optional<Tenant> current = tenants.findById(id);
            if (current.isEmpty() || current.get().definition().status() != TenantStatus.DELETING
                    || !tenants.findDrained(drainPeriod).contains(id)) {
                return false;
            }
            Tenant gone = tenants.delete(id).orElseThrow();
            changes.append(changes.nextRevision(), id, ChangeKind.DELETED, actor, ChangeDescriber.deleted(gone));
            return true;
        });
        if (removed) {
            LOG.info("tenant {} removed after its drain period", id);
        }
        return removed;
    }

    /** Removes changes older than the retention from the change log; returns how many. */
    public long purgeChangesOlderThan(Duration retention) {
        return transactions.executeWrite(status -> {
            lock.acquire();
            return changes.purgeOlderThan(retention);
        });
    }

    private Tenant changeStatus(String id, TenantStatus target, RevisionCondition condition, String actor) {
        return write(() -> {
            Tenant current = current(id, condition);
            TenantStatus status = current.definition().status();
            if (status == target) {
                return current;
            }
            if (status == TenantStatus.DELETING) {
                throw new TenantStateConflictException("tenant is being deleted");
            }
            return update(current, withStatus(current.definition(), target), actor);
        });
    }

    private Tenant update(Tenant current, TenantDefinition wanted, String actor) {
        if (current.definition().equals(wanted)) {
            return current;
        }
        Tenant updated = tenants.update(wanted).orElseThrow();
        boolean statusOnly = withStatus(current.definition(), wanted.status()).equals(wanted);
        changes.append(updated.revision(), updated.id(),
                statusOnly ? ChangeKind.STATUS_CHANGED : ChangeKind.UPDATED, actor,
                ChangeDescriber.changed(current.definition(), wanted));
        LOG.info("tenant {} {} at revision {} by {}", updated.id(), statusOnly ? "set " + wanted.status() : "updated",
                updated.revision(), actor);
        return updated;
    }

    private Tenant current(String id, RevisionCondition condition) {
        if (!TenantIds.isValid(id)) {
            throw new TenantNotFoundException();
        }
        Tenant current = tenants.findById(id).orElseThrow(TenantNotFoundException::new);
        condition.check(current.revision());
        return current;
    }

    /**
     * Refuses a definition one of whose warehouse roots overlaps another warehouse's, this tenant's
     * or another's ({@link WarehouseRoots}); checked under the registry lock, so two writes cannot
     * both pass. The message names no other tenant.
     */
    private void requireOwnStorage(TenantDefinition tenant) {
        if (tenant.warehouses().isEmpty()) {
            return;
        }
        List<Warehouse> others = tenants.findAll().stream()
                .filter(other -> !other.id().equals(tenant.id()))
                .flatMap(other -> other.definition().warehouses().stream())
                .toList();
        WarehouseRoots.firstOverlap(tenant.warehouses(), others).ifPresent(index -> {
            throw InvalidTenantException.of("warehouses[" + index + "].location",
                    "must not be, contain or lie inside another warehouse's location");
        });
    }

    private <T> T write(Supplier<T> work) {
        T result = transactions.executeWrite(status -> {
            lock.acquire();
            return work.get();
        });
        feed.wakeUp();
        return result;
    }

    // Refused before anything is written: a route that cannot be served is no route. A failure
    // to ask (the API server down) is not the reference's fault and is passed on as it is.
    private void requireResolvable(TenantDefinition tenant, Set<AccessClass> classes) {
        try {
            backends.requireResolvable(tenant.sqlBackend(), classes);
        } catch (BackendResolutionException e) {
            if (e.transientFailure()) {
                throw e;
            }
            throw InvalidTenantException.of(e.part() == Part.HOST ? "sqlBackend.jdbcUrl"
                    : passwordRefField(e.accessClass()), e.getMessage());
        }
        for (int i = 0; i < tenant.warehouses().size(); i++) {
            Warehouse warehouse = tenant.warehouses().get(i);
            if (warehouse.storage() == null) {
                continue;
            }
            try {
                credentials.secret(warehouse.storage().secretAccessKeyRef(), "secret key reference");
            } catch (BackendResolutionException e) {
                if (e.transientFailure()) {
                    throw e;
                }
                throw InvalidTenantException.of("warehouses[" + i + "].storage.s3.secretAccessKeyRef", e.getMessage());
            }
        }
        for (int i = 0; i < tenant.upstreams().size(); i++) {
            SparkConnectBackends spark = tenant.upstreams().get(i).sparkConnect();
            if (spark == null || spark.backendTokenRef() == null) {
                continue;
            }
            try {
                credentials.secret(spark.backendTokenRef(), "backend token reference");
            } catch (BackendResolutionException e) {
                if (e.transientFailure()) {
                    throw e;
                }
                throw InvalidTenantException.of("upstreams[" + i + "].sparkConnect.backendTokenRef", e.getMessage());
            }
        }
    }

    /** The request field of a class's password reference. */
    static String passwordRefField(AccessClass accessClass) {
        return accessClass == null || accessClass == AccessClass.ADMIN ? "sqlBackend.credentials.passwordRef"
                : "sqlBackend.logins." + accessClass.wireName() + ".passwordRef";
    }

    private static void requireValidId(String id) {
        if (!TenantIds.isValid(id)) {
            throw InvalidTenantException.of("id", "must be a lowercase slug");
        }
    }

    private static TenantDefinition withBackend(TenantDefinition d, SqlBackend backend) {
        return new TenantDefinition(d.id(), d.displayName(), d.status(), d.labels(), backend,
                d.contextVariables(), d.quotas(), d.warehouses(), d.upstreams());
    }

    static TenantDefinition withStatus(TenantDefinition d, TenantStatus status) {
        return new TenantDefinition(d.id(), d.displayName(), status, d.labels(), d.sqlBackend(),
                d.contextVariables(), d.quotas(), d.warehouses(), d.upstreams());
    }
}
