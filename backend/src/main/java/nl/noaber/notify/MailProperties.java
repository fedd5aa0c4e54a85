package nl.noaber.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The SMTP server mail is handed to ({@code noaber.mail.*}). Without a {@code host} nothing is sent:
 * notifications wait in the outbox and are written to the log, so the app runs without a mail server.
 *
 * @param host the SMTP server; empty means "no mail server configured"
 * @param port its port (587 for STARTTLS submission, 465 for implicit TLS, 25 for plain relay)
 * @param tls {@code STARTTLS} (upgrade required), {@code TLS} (implicit, from the first byte) or
 *        {@code NONE} (plain text; only for a relay on the same machine or a test server)
 * @param username login name; with {@code password}, AUTH is required
 * @param from the sender, such as {@code Noaber <noreply@noaber.nl>}
 * @param messageIdDomain the right-hand side of every Message-ID ({@code <outbox-42@domain>})
 * @param trustCertificate a PEM file with a certificate to trust besides the JDK's authorities (a
 *        private CA or a self-signed server); the server's name is verified against it in any case
 * @param connectTimeout how long to wait for a connection
 * @param sendTimeout how long one mail may take from connecting to the server's final reply
 * @param maxPoolSize connections kept open to the server
 */
@ConfigurationProperties("noaber.mail")
public record MailProperties(
        @Nullable String host,
        @Bindable(defaultValue = "587") int port,
        @Bindable(defaultValue = "STARTTLS") Tls tls,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "Noaber <noreply@noaber.local>") String from,
        @Bindable(defaultValue = "noaber.local") String messageIdDomain,
        @Nullable String trustCertificate,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "60s") Duration sendTimeout,
        @Bindable(defaultValue = "4") int maxPoolSize) {

    public enum Tls { NONE, STARTTLS, TLS }

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    /** The same settings for another server (tests point a second mailer at a proxy). */
    public MailProperties withServer(String otherHost, int otherPort, Tls otherTls) {
        return new MailProperties(otherHost, otherPort, otherTls, username, password, from, messageIdDomain, trustCertificate,
                connectTimeout, sendTimeout, maxPoolSize);
    }
}
