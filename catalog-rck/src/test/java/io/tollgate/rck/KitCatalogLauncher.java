package io.tollgate.rck;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starts the catalog before the kit's classes are discovered and stops it when the launcher
 * session closes (registered through {@code META-INF/services}). A start failure is thrown out of
 * the session, so the run fails loudly instead of the kit failing on a catalog that is not there.
 * JVMs started for anything but a kit run (no {@code rck.storage}) are left alone.
 */
public final class KitCatalogLauncher implements LauncherSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(KitCatalogLauncher.class);

    private KitCatalog catalog;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!KitStorage.isKitRun()) {
            return;
        }
        KitStorage storage = KitStorage.ofThisRun();
        Set<KitFeature> notServed;
        try {
            catalog = KitCatalog.start(storage, Path.of(System.getProperty("rck.state-dir"), storage.wireName()));
            notServed = catalog.notServed();
        } catch (Exception e) {
            launcherSessionClosed(session);
            throw new IllegalStateException("the catalog for the REST Compatibility Kit did not start", e);
        }
        catalog.clientProperties().forEach(System::setProperty);
        System.setProperty(KitFeature.NOT_SERVED_PROPERTY,
                notServed.stream().map(Enum::name).collect(Collectors.joining(",")));
        // Said once up front, so that a run's skipped count is read with what caused it.
        LOG.info("REST Compatibility Kit on " + storage.wireName() + " storage; not served, so skipped: "
                + (notServed.isEmpty() ? "nothing" : notServed.stream().map(KitFeature::description)
                .collect(Collectors.joining("; "))));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
