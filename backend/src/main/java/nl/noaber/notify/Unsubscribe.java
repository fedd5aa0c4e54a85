package nl.noaber.notify;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed one-click unsubscribe tokens: {@code <participant>.<kind>.<HMAC-SHA256>}, base64url. A token
 * names one participant and one kind, never expires, and cannot be made for anyone else without
 * the secret.
 */
@Singleton
public class Unsubscribe {
    private final byte[] key;
    private final String baseUrl;

    public Unsubscribe(NotificationProperties properties) {
        this.key = properties.unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
        this.baseUrl = properties.baseUrl();
    }

    /** The one-click link for this participant and kind, in every mail's footer and List-Unsubscribe header. */
    public String url(long participantId, NotificationKind kind) {
        return baseUrl + "/api/unsubscribe?token=" + token(participantId, kind);
    }

    /** Whose mail: a participant's, or (the makelaar's digest) a staff account's. */
    public record Target(@io.micronaut.core.annotation.Nullable Long participantId,
                         @io.micronaut.core.annotation.Nullable Long accountId, NotificationKind kind) {}

    public String token(long participantId, NotificationKind kind) {
        String payload = participantId + "." + kind.name();
        return payload + "." + sign(payload);
    }

    /** A staff account's token: {@code a<account>.<kind>.<HMAC>}. */
    public String accountToken(long accountId, NotificationKind kind) {
        String payload = "a" + accountId + "." + kind.name();
        return payload + "." + sign(payload);
    }

    public String accountUrl(long accountId, NotificationKind kind) {
        return baseUrl + "/api/unsubscribe?token=" + accountToken(accountId, kind);
    }

    public Optional<Target> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, sign(payload).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String who = payload.substring(0, first);
            NotificationKind kind = NotificationKind.valueOf(payload.substring(first + 1));
            return Optional.of(who.startsWith("a") ? new Target(null, Long.parseLong(who.substring(1)), kind)
                    : new Target(Long.parseLong(who), null, kind));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
