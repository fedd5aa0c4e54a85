package nl.noaber.notify;

import jakarta.inject.Singleton;
import nl.noaber.participant.ErasureStep;

/**
 * Erasing a participant, first of all: the personal content of every notification to them or about
 * a match they were in is gone, what had not gone out will not, their makelaar tasks are closed and
 * their mail preferences forgotten. It runs before matches end, so the news of that ending (which
 * no longer names them) still reaches the other person.
 */
@Singleton
class NotificationErasure implements ErasureStep {
    static final int ORDER = 10;

    private final NotificationService notifications;

    NotificationErasure(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void erase(Erasure erasure) {
        notifications.erase(erasure.participantId());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
