package com.partnerchannel.licensing.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay in front of a server that, while {@link #corrupting}, flips one bit of the body of every answer it
 * passes back: the same number of bytes arrive, not the same bytes (what a fault on the way, or on the disk behind
 * the server, does). It reads the answers' framing only as far as the end of their headers; the bodies it corrupts
 * must hold no blank line ({@code \r\n\r\n}) and be longer than {@link #FLIPPED}.
 */
final class CorruptingRelay implements AutoCloseable {
    /** The body's byte that is changed: its 11th. */
    static final int FLIPPED = 10;
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    private final ServerSocket server;
    private final URI target;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "corrupting-relay");
        thread.setDaemon(true);
        return thread;
    });
    volatile boolean corrupting;

    CorruptingRelay(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                threads.submit(() -> pump(client, upstream, false));
                threads.submit(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[8192];
        int matched = 0; // of END_OF_HEADERS, while in headers
        int body = -1;   // the index of the next body byte; -1 while in headers
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (answers) {
                    for (int i = 0; i < n; i++) {
                        if (body < 0) {
                            matched = buffer[i] == END_OF_HEADERS[matched] ? matched + 1 : (buffer[i] == '\r' ? 1 : 0);
                            if (matched == END_OF_HEADERS.length) {
                                body = 0;
                                matched = 0;
                            }
                        } else if (body++ == FLIPPED) {
                            if (corrupting) buffer[i] ^= 0x01;
                            body = -1; // the next answer's headers come after this body, which holds no blank line
                        }
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
