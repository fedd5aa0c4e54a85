package nl.noaber.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 (and only that name), made once per test JVM with the
 * JDK's keytool: GreenMail's SMTPS serves it, the mailer trusts its PEM.
 */
final class TestCertificate {
    private static final String PASSWORD = "changeit";
    private static Path pem;

    private TestCertificate() {}

    static synchronized Path pem() {
        if (pem == null) {
            try {
                Path dir = Files.createTempDirectory("noaber-smtp-tls");
                Path keystore = dir.resolve("smtp.p12");
                Path cert = dir.resolve("smtp.pem");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                run(List.of(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
                run(List.of(keytool, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", keystore.toString(),
                        "-storepass", PASSWORD, "-file", cert.toString()));
                System.setProperty("greenmail.tls.keystore.file", keystore.toString());
                System.setProperty("greenmail.tls.keystore.password", PASSWORD);
                pem = cert;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pem;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
