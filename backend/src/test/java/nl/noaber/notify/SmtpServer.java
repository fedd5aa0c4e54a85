package nl.noaber.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server inside the tests (GreenMail) on a port of its own, that can be stopped and
 * started again on the same port. What it received survives a restart (GreenMail forgets it).
 */
final class SmtpServer implements AutoCloseable {
    private final int port;
    private final String protocol;
    private final GreenMailConfiguration configuration;
    private final List<MimeMessage> before = new ArrayList<>();
    private GreenMail greenMail;

    SmtpServer(String protocol, GreenMailConfiguration configuration) {
        this.port = freePort();
        this.protocol = protocol;
        this.configuration = configuration;
        start();
    }

    static SmtpServer plain() {
        return new SmtpServer(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    int port() {
        return port;
    }

    synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", protocol)).withConfiguration(configuration);
        greenMail.start();
    }

    synchronized void stop() {
        before.addAll(List.of(greenMail.getReceivedMessages()));
        greenMail.stop();
    }

    synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(before);
        if (greenMail.isRunning()) {
            all.addAll(List.of(greenMail.getReceivedMessages()));
        }
        return all;
    }

    /** Received mail for one address. */
    List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(m -> recipients(m).contains(address)).toList();
    }

    static List<String> recipients(MimeMessage m) {
        try {
            return m.getAllRecipients() == null ? List.of()
                    : java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (greenMail != null && greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
