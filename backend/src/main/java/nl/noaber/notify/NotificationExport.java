package nl.noaber.notify;

import jakarta.inject.Singleton;
import nl.noaber.participant.OwnDataSection;
import nl.noaber.participant.Participant;

/** The news for a participant and their unsubscribed kinds, in their data export. */
@Singleton
class NotificationExport implements OwnDataSection {
    private final NotificationService notifications;

    NotificationExport(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Object export(Participant participant) {
        return notifications.own(participant.id());
    }
}
