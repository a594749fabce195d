package io.tollgate.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port held open by this JVM and forwarded, once known, to a port on localhost. It breaks a
 * start-up cycle without guessing a free port: when two services each need the other's address
 * and both bind port 0, the one started first is given this port (bound here, so nobody can take
 * it) and the forward is pointed at the other once that one has reported its port. Connections
 * that arrive before then are closed, so a forward never pointed anywhere stands for a service that
 * cannot be reached.
 */
public final class PortForward implements AutoCloseable {
    private final ServerSocket listener;
    private volatile int target;

    private PortForward(ServerSocket listener) {
        this.listener = listener;
        Thread acceptor = new Thread(this::acceptLoop, "port-forward-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Opens a forward on a port the kernel chooses (all interfaces, as the services bind). */
    public static PortForward open() {
        try {
            return new PortForward(new ServerSocket(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port this forward listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Sends every later connection to {@code port} on localhost. */
    public void forwardTo(int port) {
        this.target = port;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                int port = target;
                if (port == 0) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress("localhost", port), 5_000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or one connection failed: the others go on
            }
        }
    }

    /** Copies one direction until it ends, then ends the other side's writing too. */
    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the connection is gone: nothing to forward any more
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "port-forward-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
