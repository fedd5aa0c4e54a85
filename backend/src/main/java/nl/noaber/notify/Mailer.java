package nl.noaber.notify;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Hands mail to SMTP through the Vert.x mail client (one event loop, a small pool of kept-alive
 * connections). A send completes when the server has accepted the message (its reply to the end
 * of DATA) and fails on anything else, including the send timeout.
 */
@Singleton
public class Mailer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mailer.class);
    private final MailProperties properties;
    private Vertx vertx;
    private Context eventLoop;
    private MailClient client;

    public Mailer(MailProperties properties) {
        this.properties = properties;
    }

    public boolean configured() {
        return properties.configured();
    }

    public MailProperties properties() {
        return properties;
    }

    /** The server's acceptance of the mail, or the reason it was not accepted. */
    public CompletableFuture<Void> send(Mail mail) {
        MailMessage message = new MailMessage()
                .setFrom(properties.from())
                .setTo(List.of(mail.to()))
                .setSubject(mail.subject())
                .setText(mail.text());
        if (mail.html() != null) {
            message.setHtml(mail.html());
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        mail.headers().forEach(headers::set);
        message.setHeaders(headers);
        MailClient used;
        Context loop;
        synchronized (this) {
            used = client();
            loop = eventLoop;
        }
        // The client is driven from its own event loop, never from the caller's (the dispatcher's)
        // thread: called from there, the Vert.x 4.5 mail client now and then lost a send on a new
        // connection (opened, but the send never began), which then waited out its timeout. It hit
        // about one round in twenty sent just after the mail server came back (MailerWedgeTest).
        Promise<MailResult> sent = Promise.promise();
        loop.runOnContext(v -> used.sendMail(message).onComplete(sent));
        return sent.future()
                .toCompletionStage().toCompletableFuture()
                .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> {
                    if (failure instanceof TimeoutException
                            || failure instanceof CompletionException && failure.getCause() instanceof TimeoutException) {
                        replace(used);
                    }
                })
                .thenApply(result -> null);
    }

    /**
     * A send that timed out leaves its pooled connection in use for good: the Vert.x 4.5 mail client
     * does not notice a server that closed the connection before its greeting or in the middle of a
     * message. Enough of those and every later send waits for a connection that never comes back.
     * So a timeout replaces the client, closing all its connections; the next send opens new ones.
     */
    private void replace(MailClient used) {
        synchronized (this) {
            if (client != used) {
                return;
            }
            client = null;
        }
        LOG.warn("A mail did not complete within {}; the mail client and its connections are replaced",
                properties.sendTimeout());
        used.close();
    }

    private synchronized MailClient client() {
        if (!configured()) {
            throw new IllegalStateException("No SMTP host configured (noaber.mail.host)");
        }
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            eventLoop = vertx.getOrCreateContext();
        }
        if (client == null) {
            // A replaced client's successor runs on the same event loop.
            client = MailClient.create(vertx, config(properties));
        }
        return client;
    }

    static MailConfig config(MailProperties p) {
        MailConfig config = new MailConfig()
                .setHostname(p.host())
                .setPort(p.port())
                .setOwnHostname(p.messageIdDomain())
                .setKeepAlive(true)
                .setMaxPoolSize(p.maxPoolSize())
                .setAllowRcptErrors(false)
                // Netty 4.2 verifies the server's name by default; say so explicitly for the pre-4.2 code paths.
                .setHostnameVerificationAlgorithm("HTTPS");
        if (p.trustCertificate() != null && !p.trustCertificate().isBlank()) {
            config.setTrustOptions(new PemTrustOptions().addCertPath(p.trustCertificate()));
        }
        config.setConnectTimeout((int) p.connectTimeout().toMillis());
        switch (p.tls()) {
            case TLS -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case STARTTLS -> config.setSsl(false).setStarttls(StartTLSOptions.REQUIRED);
            case NONE -> config.setSsl(false).setStarttls(StartTLSOptions.DISABLED);
        }
        if (p.username() != null && !p.username().isBlank()) {
            config.setLogin(LoginOption.REQUIRED).setUsername(p.username()).setPassword(p.password());
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return config;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            vertx = null;
            eventLoop = null;
        }
    }
}
