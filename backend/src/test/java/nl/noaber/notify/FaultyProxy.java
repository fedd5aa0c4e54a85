package nl.noaber.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small TCP proxy in front of the test SMTP server that breaks connections at exactly chosen
 * points of the SMTP conversation, so that each fault has one known outcome:
 * <ul>
 *   <li>{@link Fault#CUT_IN_DATA}: the message's body never fully reaches the server (the chunk is
 *       dropped, then both sides are closed); the server stores nothing.</li>
 *   <li>{@link Fault#SWALLOW_ACCEPTANCE}: the server accepted the message (its 250 after the final
 *       dot) but the client never hears it: the window SMTP leaves open. Counted per Message-ID.</li>
 *   <li>{@link Fault#REFUSE}: the connection is closed as soon as it is made.</li>
 * </ul>
 * Which fault each message gets is drawn from a seeded random source with the given odds.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { NONE, CUT_IN_DATA, SWALLOW_ACCEPTANCE, REFUSE }

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final ServerSocket listener;
    private final int targetPort;
    private final Random random;
    private volatile double cutInData;
    private volatile double swallowAcceptance;
    private volatile double refuse;
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    /** Message-IDs whose acceptance was swallowed, with how often. */
    final ConcurrentHashMap<String, AtomicInteger> swallowed = new ConcurrentHashMap<>();
    final AtomicInteger cuts = new AtomicInteger();
    final AtomicInteger refusals = new AtomicInteger();

    FaultyProxy(int targetPort, long seed) throws IOException {
        this.targetPort = targetPort;
        this.random = new Random(seed);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The odds of each fault, per message (refuse: per connection). */
    void odds(double cutInData, double swallowAcceptance, double refuse) {
        this.cutInData = cutInData;
        this.swallowAcceptance = swallowAcceptance;
        this.refuse = refuse;
    }

    int swallowedTotal() {
        return swallowed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (draw() < refuse) {
                    refusals.incrementAndGet();
                    client.close();
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close(); // the server is down: so is the proxy
                    continue;
                }
                new Connection(client, server).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One proxied connection: a thread each way, sharing the SMTP state. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private boolean data;               // the client is sending a message body
        private boolean awaitingAcceptance; // the body ended; the server's next reply decides
        private Fault fault = Fault.NONE;   // drawn per message when its DATA starts
        private final StringBuilder line = new StringBuilder();
        private final StringBuilder body = new StringBuilder();
        private String tail = "";

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
            open.add(client);
            open.add(server);
        }

        void start() {
            thread(this::clientToServer, "faulty-proxy-c2s");
            thread(this::serverToClient, "faulty-proxy-s2c");
        }

        private void thread(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        private void clientToServer() {
            byte[] buffer = new byte[8192];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String chunk = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    synchronized (this) {
                        if (data && fault == Fault.CUT_IN_DATA) {
                            cuts.incrementAndGet();
                            closeBoth();
                            return;
                        }
                        observeClient(chunk);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            } finally {
                closeBoth();
            }
        }

        private void serverToClient() {
            byte[] buffer = new byte[8192];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String chunk = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    synchronized (this) {
                        if (awaitingAcceptance) {
                            awaitingAcceptance = false;
                            if (chunk.startsWith("250") && fault == Fault.SWALLOW_ACCEPTANCE) {
                                swallowed.computeIfAbsent(messageId(), k -> new AtomicInteger()).incrementAndGet();
                                closeBoth();
                                return;
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            } finally {
                closeBoth();
            }
        }

        /** Follows the client's side of the conversation: commands, then a body up to the final dot. */
        private void observeClient(String chunk) {
            if (data) {
                if (body.length() < 8192) {
                    body.append(chunk, 0, Math.min(chunk.length(), 8192 - body.length()));
                }
                String seen = tail + chunk;
                if (seen.contains("\r\n.\r\n")) {
                    data = false;
                    awaitingAcceptance = true;
                }
                tail = seen.substring(Math.max(0, seen.length() - 4));
                return;
            }
            for (char c : chunk.toCharArray()) {
                if (c == '\n') {
                    String command = line.toString().trim();
                    line.setLength(0);
                    if (command.equalsIgnoreCase("DATA")) {
                        data = true;
                        body.setLength(0);
                        tail = "\r\n";
                        double d = draw();
                        fault = d < cutInData ? Fault.CUT_IN_DATA
                                : d < cutInData + swallowAcceptance ? Fault.SWALLOW_ACCEPTANCE : Fault.NONE;
                    }
                } else {
                    line.append(c);
                }
            }
        }

        private String messageId() {
            Matcher m = MESSAGE_ID.matcher(body);
            return m.find() ? m.group(1) : "?";
        }

        private void closeBoth() {
            close(client);
            close(server);
        }
    }

    private void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
        open.remove(s);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            for (Socket s : new ArrayList<>(open)) {
                s.close();
            }
        }
    }
}
