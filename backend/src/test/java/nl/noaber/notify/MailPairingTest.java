package nl.noaber.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x mail client (4.5, built against Netty 4.1) runs on the Netty 4.2 that Micronaut 4.10
 * brings: real mail to a real SMTP server, in plain text and over TLS with a login.
 */
class MailPairingTest {
    static {
        TestCertificate.pem(); // before any SMTPS server starts
    }

    static MailProperties properties(int port, MailProperties.Tls tls, String user, String password) {
        return new MailProperties("127.0.0.1", port, tls, user, password, "Noaber <noreply@test.noaber.nl>",
                "test.noaber.nl", TestCertificate.pem().toString(), Duration.ofSeconds(5), Duration.ofSeconds(20), 2);
    }

    @Test
    void theClasspathPairsVertx45WithNetty42() {
        assertThat(io.netty.util.Version.identify().get("netty-common").artifactVersion()).startsWith("4.2.");
        assertThat(io.vertx.core.impl.launcher.commands.VersionCommand.getVersion()).startsWith("4.5.");
    }

    @Test
    void aMailArrivesOverPlainSmtpWithOurMessageIdAndBothParts() throws Exception {
        try (SmtpServer server = SmtpServer.plain();
             Mailer mailer = new Mailer(properties(server.port(), MailProperties.Tls.NONE, null, null))) {
            mailer.send(new Mail("els@test.noaber.nl", "Een voorstel voor u", "Hallo Els,\nEr is een voorstel.",
                    "<p>Hallo Els,</p><p>Er is een voorstel.</p>",
                    Map.of("Message-ID", "<outbox-1@test.noaber.nl>", "Content-Language", "nl"))).get();

            MimeMessage m = server.receivedBy("els@test.noaber.nl").get(0);
            assertThat(m.getMessageID()).isEqualTo("<outbox-1@test.noaber.nl>");
            assertThat(m.getSubject()).isEqualTo("Een voorstel voor u");
            assertThat(m.getHeader("Content-Language", null)).isEqualTo("nl");
            assertThat(m.getFrom()[0].toString()).contains("noreply@test.noaber.nl");
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat((String) parts.getBodyPart(0).getContent()).contains("Er is een voorstel.");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        }
    }

    /** Netty 4.2 checks the server's name even where Vert.x 4.5 leaves it out: a certificate for another name fails. */
    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (SmtpServer server = new SmtpServer(ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig().withDisabledAuthentication());
             Mailer mailer = new Mailer(properties(server.port(), MailProperties.Tls.TLS, null, null)
                     .withServer("localhost", server.port(), MailProperties.Tls.TLS))) {
            var sent = mailer.send(new Mail("henk@test.noaber.nl", "x", "y", null, Map.of()));
            assertThat(sent).failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat().havingRootCause().withMessageContaining("No name matching localhost");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aMailArrivesOverImplicitTlsWithALogin() throws Exception {
        try (SmtpServer server = new SmtpServer(ServerSetup.PROTOCOL_SMTPS,
                GreenMailConfiguration.aConfig().withUser("noaber", "geheim-wachtwoord"));
             Mailer mailer = new Mailer(properties(server.port(), MailProperties.Tls.TLS, "noaber", "geheim-wachtwoord"))) {
            mailer.send(new Mail("henk@test.noaber.nl", "Match accepted", "Hello Henk", null,
                    Map.of("Message-ID", "<outbox-2@test.noaber.nl>"))).get();

            MimeMessage m = server.receivedBy("henk@test.noaber.nl").get(0);
            assertThat(m.getMessageID()).isEqualTo("<outbox-2@test.noaber.nl>");
            assertThat(((String) m.getContent()).trim()).isEqualTo("Hello Henk");
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheServerNotLost() throws Exception {
        try (SmtpServer server = new SmtpServer(ServerSetup.PROTOCOL_SMTPS,
                GreenMailConfiguration.aConfig().withUser("noaber", "geheim-wachtwoord"));
             Mailer mailer = new Mailer(properties(server.port(), MailProperties.Tls.TLS, "noaber", "fout"))) {
            var sent = mailer.send(new Mail("henk@test.noaber.nl", "x", "y", null, Map.of()));
            assertThat(sent).failsWithin(Duration.ofSeconds(30));
            assertThat(server.received()).isEmpty();
        }
    }
}
