package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Why the Vert.x mail client once stopped sending altogether (docs/notifications.md, "Vert.x mail on
 * Micronaut's Netty"), and that the Mailer gets over it: the client, a real SMTP server, and a
 * scripted server in front of it that can stay silent, close at once, or pass everything through.
 * No database.
 */
class MailerWedgeTest {
    enum Mode { SILENT, CLOSE_AT_ONCE, FORWARD }

    /** Accepts connections and, as told, holds them without a word, closes them, or passes them to the SMTP server. */
    static final class Scripted implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        volatile Mode mode = Mode.FORWARD;
        final List<Socket> silent = new java.util.concurrent.CopyOnWriteArrayList<>();
        final int target;

        Scripted(int target) throws IOException {
            this.target = target;
            Thread t = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket c = listener.accept();
                        switch (mode) {
                            case SILENT -> silent.add(c);
                            case CLOSE_AT_ONCE -> c.close();
                            case FORWARD -> {
                                Socket s = new Socket(InetAddress.getLoopbackAddress(), target);
                                pipe(c.getInputStream(), s.getOutputStream(), c, s);
                                pipe(s.getInputStream(), c.getOutputStream(), c, s);
                            }
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        static void pipe(InputStream in, OutputStream out, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // the other side closed
                }
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // closed already
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket c : silent) {
                c.close();
            }
        }
    }

    private static MailProperties properties(int port, Duration sendTimeout) {
        return properties(port, sendTimeout, 1);
    }

    private static MailProperties properties(int port, Duration sendTimeout, int poolSize) {
        return new MailProperties("127.0.0.1", port, MailProperties.Tls.NONE, null, null, "Noaber <noreply@test.noaber.nl>",
                "test.noaber.nl", null, Duration.ofSeconds(2), sendTimeout, poolSize);
    }

    private static MailMessage message(String subject) {
        return new MailMessage().setFrom("noreply@test.noaber.nl").setTo(List.of("buur@test.noaber.nl"))
                .setSubject(subject).setText("Beste buur,\n\n" + subject + "\n");
    }

    private static CompletableFuture<?> send(MailClient client, String subject) {
        return client.sendMail(message(subject)).toCompletionStage().toCompletableFuture();
    }

    private static List<String> subjects(SmtpServer smtp) {
        return smtp.received().stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /**
     * The root cause: a server that accepts the connection but never greets (overloaded, starting
     * or stopping, a tarpit) keeps the Vert.x client waiting for the greeting for ever, with no
     * timeout of its own, and that connection keeps its place in the pool. Once every place is
     * taken so, no send ever starts again, even with the server healthy: the wedge seen once in
     * the 1,000-mail test (a pool of four, the server stopped and started under load).
     */
    @Test
    void aServerThatNeverGreetsHoldsAPoolPlaceForGoodAndOnlyReplacingTheClientFreesIt() throws Exception {
        try (SmtpServer smtp = SmtpServer.plain(); Scripted server = new Scripted(smtp.port())) {
            Vertx vertx = Vertx.vertx();
            MailClient raw = MailClient.create(vertx, Mailer.config(properties(server.port(), Duration.ofSeconds(60))));
            try {
                server.mode = Mode.SILENT;
                CompletableFuture<?> first = send(raw, "first");
                assertThatThrownBy(() -> first.get(3, TimeUnit.SECONDS)).as("no greeting: the send neither ends nor fails")
                        .isInstanceOf(TimeoutException.class);
                server.mode = Mode.FORWARD;
                CompletableFuture<?> next = send(raw, "next");
                assertThatThrownBy(() -> next.get(4, TimeUnit.SECONDS))
                        .as("the server is healthy again, but the pool's one place is still taken: the wedge")
                        .isInstanceOf(TimeoutException.class);
                assertThat(subjects(smtp)).isEmpty();
            } finally {
                raw.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            // The Mailer ends the send at its send-timeout and replaces the client; the next send goes through.
            try (Mailer mailer = new Mailer(properties(server.port(), Duration.ofSeconds(2)))) {
                server.mode = Mode.SILENT;
                assertThatThrownBy(() -> mailer.send(new Mail("buur@test.noaber.nl", "silent", "x", null, Map.of()))
                        .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
                server.mode = Mode.FORWARD;
                mailer.send(new Mail("buur@test.noaber.nl", "after the silence", "x", null, Map.of())).get(10, TimeUnit.SECONDS);
                assertThat(subjects(smtp)).containsExactly("after the silence");
            }
        }
    }

    /** A server that closes at once: the send never ends by itself either, but the pool place is freed. */
    @Test
    void aServerThatClosesBeforeItsGreetingLeavesTheSendWaitingButThePoolFree() throws Exception {
        try (SmtpServer smtp = SmtpServer.plain(); Scripted server = new Scripted(smtp.port())) {
            Vertx vertx = Vertx.vertx();
            MailClient raw = MailClient.create(vertx, Mailer.config(properties(server.port(), Duration.ofSeconds(60))));
            try {
                server.mode = Mode.CLOSE_AT_ONCE;
                CompletableFuture<?> first = send(raw, "first");
                assertThatThrownBy(() -> first.get(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
                server.mode = Mode.FORWARD;
                send(raw, "next").get(10, TimeUnit.SECONDS);
                assertThat(subjects(smtp)).containsExactly("next");
            } finally {
                raw.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends come from the dispatcher's thread. When the client was called from there, a round sent
     * just after the mail server came back (a client that had seen its connections refused, a pool
     * of four) lost one send now and then: its new connection was opened, the send never began, and
     * it waited until its timeout. That was about one round in twenty; the Mailer now drives the
     * client from its own event loop. Sixty rounds.
     */
    @Test
    void whenTheServerIsBackAfterRefusingConnectionsEverySendOfTheNextRoundGoesThrough() {
        try (SmtpServer smtp = SmtpServer.plain()) {
            for (int round = 0; round < 60; round++) {
                try (Mailer mailer = new Mailer(properties(smtp.port(), Duration.ofSeconds(5), 4))) {
                    smtp.stop();
                    for (CompletableFuture<Void> refused : sendMany(mailer, "refused " + round)) {
                        assertThat(refused).failsWithin(Duration.ofSeconds(10));
                    }
                    smtp.start();
                    List<CompletableFuture<Void>> sends = sendMany(mailer, "round " + round);
                    for (CompletableFuture<Void> send : sends) {
                        assertThat(send).as("round %d", round).succeedsWithin(Duration.ofSeconds(10));
                    }
                }
            }
            assertThat(subjects(smtp)).hasSize(60 * 30).allMatch(s -> s.startsWith("round "));
        }
    }

    private static List<CompletableFuture<Void>> sendMany(Mailer mailer, String subject) {
        return java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> mailer.send(new Mail("buur" + i + "@test.noaber.nl", subject, "x", null, Map.of())))
                .toList();
    }
}
