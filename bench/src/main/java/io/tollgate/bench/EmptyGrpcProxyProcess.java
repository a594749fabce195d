package io.tollgate.bench;

import io.tollgate.testkit.suite.ServiceProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmptyGrpcProxy} as a JVM of its own, started from the benchmark's classpath with the flags
 * and the heap connect-service gets in the suite, so that the floor pays what a separate process
 * pays (its own heap, collector and compiler threads, a second process to schedule).
 */
final class EmptyGrpcProxyProcess implements AutoCloseable {
    /** connect-service's heap in the suite. */
    private static final String MAX_HEAP = "512m";

    private final Process process;
    private final int port;

    private EmptyGrpcProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the proxy forwarding to {@code backendEndpoint} (host:port) and waits for its port. */
    static EmptyGrpcProxyProcess start(String backendEndpoint) throws IOException {
        List<String> command = new ArrayList<>(ServiceProcess.javaCommand(System.getProperty("java.class.path"),
                MAX_HEAP, EmptyGrpcProxy.class.getName()));
        command.add(backendEndpoint);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(EmptyGrpcProxy.PORT_LINE)) {
                drainInBackground(out);
                return new EmptyGrpcProxyProcess(process, Integer.parseInt(line.substring(EmptyGrpcProxy.PORT_LINE.length())));
            }
        }
        process.destroyForcibly();
        throw new IOException("the empty proxy exited before it reported its port");
    }

    /** Its later output (none is expected) must not fill the pipe and stall it. */
    private static void drainInBackground(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the process is gone
            }
        }, "empty-proxy-output");
        drain.setDaemon(true);
        drain.start();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
