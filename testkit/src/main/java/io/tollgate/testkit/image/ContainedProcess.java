package io.tollgate.testkit.image;

import io.tollgate.testkit.logs.LogTail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An unpacked image's entrypoint run as a container runtime would, without one: in a mount
 * namespace of its own, chrooted into the image's root filesystem bind-mounted <b>read-only</b>,
 * with a writable {@code /tmp} (a host directory, like an emptyDir: the test puts files there and
 * reads what the service writes), {@code /proc}, the host's {@code /dev} and {@code /etc/hosts},
 * then as the image's uid and gid, from its working directory, with its environment plus the
 * given one. The host's network is shared (ports bound inside answer on the host's loopback).
 * <p>
 * Needs Linux with util-linux's {@code unshare} and the right to mount: root, as on the build
 * machines. The process is the JVM itself (each step execs the next), so {@link #terminate()}
 * delivers SIGTERM to the service.
 */
public final class ContainedProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ContainedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Boots {@code image}.
     *
     * @param tmp the host directory mounted at {@code /tmp} (readable and writable by the image's user)
     * @param env settings added to the image's environment (as Kubernetes adds a pod's)
     * @param log where its output goes
     */
    public static ContainedProcess start(OciImage image, Path tmp, Map<String, String> env, Path log) {
        String root = image.rootfs().toAbsolutePath().toString();
        // Mount points a runtime would provide; the image's own files are not changed.
        String script = String.join(" && ", List.of(
                "R=$1 T=$2 W=$3 U=$4 G=$5", "shift 5",
                "mkdir -p \"$R/tmp\" \"$R/proc\" \"$R/dev\" \"$R/etc\"",
                "touch \"$R/etc/hosts\"",
                "mount --bind \"$R\" \"$R\"",
                "mount --bind \"$T\" \"$R/tmp\"",
                "mount -t proc proc \"$R/proc\"",
                "mount --rbind /dev \"$R/dev\"",
                "mount --bind -o ro /etc/hosts \"$R/etc/hosts\"",
                "mount -o remount,bind,ro \"$R\"",
                "exec /usr/bin/unshare --root=\"$R\" --wd=\"$W\" --setgid=\"$G\" --setuid=\"$U\" -- \"$@\""));
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private",
                "/bin/sh", "-c", script, "contained", root, tmp.toAbsolutePath().toString(), image.workingDir(),
                Integer.toString(image.uid()), Integer.toString(image.gid())));
        command.addAll(image.entrypoint());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(image.env());
        builder.environment().putAll(env);
        try {
            return new ContainedProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + image.entrypoint(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A line of {@code /proc/<pid>/status}, e.g. {@code Uid}: what the kernel says the process runs as. */
    public String status(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                .filter(line -> line.startsWith(field + ":")).findFirst()
                .map(line -> line.substring(field.length() + 1).trim()).orElse("");
    }

    /** The options of the process's root mount, from its own mount table (e.g. {@code ro,relatime}). */
    public String rootMountOptions() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "mountinfo"))) {
            String[] fields = line.split(" ");
            if (fields.length > 5 && fields[4].equals("/")) {
                return fields[5];
            }
        }
        return "";
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the exit, at most {@code timeout}; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running " + timeout + " later\n" + tail());
        }
        return process.exitValue();
    }

    /** The last lines of its output. */
    public String tail() {
        return LogTail.of(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
