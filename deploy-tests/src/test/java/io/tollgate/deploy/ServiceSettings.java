package io.tollgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What one service reads, from its own sources: the keys of its {@code application.yml} and the
 * rows of its README configuration table, as the environment variables Micronaut maps them from
 * (upper case, dots and dashes as underscores). A key written with {@code *} allows its prefix.
 */
final class ServiceSettings {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Map<String, Object> applicationYml;
    private final Set<String> envNames = new HashSet<>();
    private final Set<String> envPrefixes = new HashSet<>();

    private ServiceSettings(Map<String, Object> applicationYml) {
        this.applicationYml = applicationYml;
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("deploy.services-root", "..")).toAbsolutePath().normalize();
    }

    @SuppressWarnings("unchecked")
    static ServiceSettings of(String service) {
        Path root = projectRoot();
        try {
            Map<String, Object> yml = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(root.resolve(service).resolve("src/main/resources/application.yml")));
            ServiceSettings settings = new ServiceSettings(yml);
            settings.addKeys("", yml);
            settings.addReadmeRows(Files.readAllLines(root.resolve("README.md")), service);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the service reads this environment variable. */
    boolean reads(String envName) {
        return envNames.contains(envName) || envPrefixes.stream().anyMatch(envName::startsWith);
    }

    /** A value of application.yml by its dotted key, e.g. micronaut.server.port. */
    Object value(String dottedKey) {
        return Tree.at(applicationYml, dottedKey.split("\\."));
    }

    static String envName(String dottedKey) {
        return dottedKey.toUpperCase().replace('.', '_').replace('-', '_');
    }

    @SuppressWarnings("unchecked")
    private void addKeys(String prefix, Map<String, Object> node) {
        node.forEach((key, value) -> {
            String dotted = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                addKeys(dotted, (Map<String, Object>) child);
            } else {
                envNames.add(envName(dotted));
            }
        });
    }

    private void addReadmeRows(List<String> readme, String service) {
        boolean inSection = false;
        for (String line : readme) {
            if (line.startsWith("#")) {
                inSection = line.equals("### " + service);
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] columns = line.split("\\|");
            addKeyColumn(columns[1]);
            if (columns.length > 3) {
                Matcher env = CODE.matcher(columns[3]);
                while (env.find()) {
                    if (ENV_NAME.matcher(env.group(1)).matches()) {
                        envNames.add(env.group(1));
                    }
                }
            }
        }
    }

    /** {@code `a.b.c`}, {@code `a.b.c` / `.d`} (a sibling of c), {@code `a.b.*`} (a prefix). */
    private void addKeyColumn(String column) {
        String parent = null;
        Matcher key = CODE.matcher(column);
        while (key.find()) {
            String text = key.group(1);
            String dotted = text.startsWith(".") && parent != null ? parent + text : text;
            if (dotted.endsWith("*")) {
                envPrefixes.add(envName(dotted.substring(0, dotted.length() - 1)));
            } else {
                envNames.add(envName(dotted));
            }
            parent = dotted.contains(".") ? dotted.substring(0, dotted.lastIndexOf('.')) : parent;
        }
    }
}
