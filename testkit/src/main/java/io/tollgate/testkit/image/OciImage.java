package io.tollgate.testkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image of an OCI image-layout tarball, unpacked: its root filesystem (the layers applied in
 * order) and the runtime settings of its config. Layers are applied with the host's {@code tar};
 * whiteout files (deletions by a later layer) are not interpreted, which Jib's layers never need.
 *
 * @param rootfs     the unpacked root filesystem
 * @param entrypoint the config's Entrypoint followed by its Cmd
 * @param env        the config's Env
 * @param workingDir the config's WorkingDir ({@code /} when unset)
 * @param user       the config's User, {@code uid:gid} or {@code uid}
 */
public record OciImage(Path rootfs, List<String> entrypoint, Map<String, String> env, String workingDir,
                       String user) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Unpacks the first image of {@code tarball} into {@code into} (rootfs/ and the layout beside it). */
    public static OciImage unpack(Path tarball, Path into) {
        try {
            Path layout = Files.createDirectories(into.resolve("layout"));
            Path rootfs = Files.createDirectories(into.resolve("rootfs"));
            run(List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));
            JsonNode index = read(layout.resolve("index.json"));
            JsonNode manifest = read(blob(layout, index.path("manifests").path(0).path("digest").asText()));
            for (JsonNode layer : manifest.path("layers")) {
                run(List.of("tar", "-xzf", blob(layout, layer.path("digest").asText()).toString(),
                        "-C", rootfs.toString()));
            }
            JsonNode config = read(blob(layout, manifest.path("config").path("digest").asText())).path("config");
            List<String> entrypoint = new ArrayList<>();
            config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
            config.path("Cmd").forEach(part -> entrypoint.add(part.asText()));
            Map<String, String> env = new LinkedHashMap<>();
            config.path("Env").forEach(pair -> {
                String[] kv = pair.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
            String workingDir = config.path("WorkingDir").asText("");
            return new OciImage(rootfs, List.copyOf(entrypoint), Map.copyOf(env),
                    workingDir.isEmpty() ? "/" : workingDir, config.path("User").asText("0"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + tarball, e);
        }
    }

    /** The numeric uid of {@link #user}. */
    public int uid() {
        return Integer.parseInt(user.split(":", 2)[0]);
    }

    /** The numeric gid of {@link #user} (the uid's when no group is named). */
    public int gid() {
        String[] parts = user.split(":", 2);
        return Integer.parseInt(parts.length > 1 ? parts[1] : parts[0]);
    }

    private static Path blob(Path layout, String digest) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalStateException("not a sha256 digest: " + digest);
        }
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
