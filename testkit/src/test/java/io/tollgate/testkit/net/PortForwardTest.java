package io.tollgate.testkit.net;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortForwardTest {

    @Test
    void beforeItHasATargetEveryConnectionIsClosedAtOnce() throws Exception {
        try (PortForward forward = PortForward.open(); Socket client = new Socket("localhost", forward.port())) {
            assertEquals(-1, client.getInputStream().read(), "closed by the forward");
        }
    }

    @Test
    void onceItHasATargetBytesFlowBothWays() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0); PortForward forward = PortForward.open()) {
            forward.forwardTo(upstream.getLocalPort());
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (Socket accepted = upstream.accept()) {
                    byte[] request = accepted.getInputStream().readNBytes(4);
                    accepted.getOutputStream().write(("pong:" + new String(request, StandardCharsets.US_ASCII))
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket("localhost", forward.port())) {
                OutputStream out = client.getOutputStream();
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                assertEquals("pong:ping", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
            echo.get(30, TimeUnit.SECONDS);
        }
    }
}
