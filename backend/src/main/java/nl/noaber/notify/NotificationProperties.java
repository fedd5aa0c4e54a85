package nl.noaber.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The outbox and its dispatcher ({@code noaber.notifications.*}).
 *
 * @param dispatch whether this instance runs the dispatcher on a schedule (every instance may; they
 *        share the work through leases)
 * @param pollInterval pause between two rounds of the dispatcher
 * @param batchSize rows one round claims at most
 * @param lease how long a claim is exclusive; a claim whose lease runs out is taken back by any
 *        dispatcher. Must be well above {@code noaber.mail.send-timeout}.
 * @param maxAttempts attempts before a notification is DEAD (a coordinator can send it again)
 * @param retryDelay the wait after the first failed attempt; it doubles with every further one
 * @param retryDelayMax the longest wait between two attempts
 * @param baseUrl where the web client lives, for links in mails
 * @param unsubscribeSecret key of the signed unsubscribe tokens (32+ characters; shared by all instances)
 * @param followUpAfter how long a match runs before each party gets a follow-up reminder (once)
 * @param proposalReminderAfter how long a proposal waits for an answer before the side that answers it is
 *        reminded (once)
 */
@ConfigurationProperties("noaber.notifications")
public record NotificationProperties(
        @Bindable(defaultValue = "true") boolean dispatch,
        @Bindable(defaultValue = "5s") Duration pollInterval,
        @Bindable(defaultValue = "20") int batchSize,
        @Bindable(defaultValue = "5m") Duration lease,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "30s") Duration retryDelay,
        @Bindable(defaultValue = "1h") Duration retryDelayMax,
        @Bindable(defaultValue = "http://localhost:8080") String baseUrl,
        @Bindable(defaultValue = "dev-only-unsubscribe-secret-change-me-0123456789") String unsubscribeSecret,
        @Bindable(defaultValue = "14d") Duration followUpAfter,
        @Bindable(defaultValue = "3d") Duration proposalReminderAfter) {

    /** The same settings with another batch size and retry policy (tests). */
    public NotificationProperties with(int otherBatchSize, int otherMaxAttempts, Duration otherRetryDelay) {
        return new NotificationProperties(dispatch, pollInterval, otherBatchSize, lease, otherMaxAttempts, otherRetryDelay,
                retryDelayMax, baseUrl, unsubscribeSecret, followUpAfter, proposalReminderAfter);
    }
}
