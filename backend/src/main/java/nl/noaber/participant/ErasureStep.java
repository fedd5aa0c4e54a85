package nl.noaber.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;

/**
 * A feature's part of erasing a participant (the right to erasure, AVG article 17). Each feature
 * that stores personal data contributes one, as it does an {@link OwnDataSection} to the export.
 * The steps run in their order, inside the erasure's one transaction, after the participant's own
 * row was made anonymous: everything goes, or nothing does.
 */
public interface ErasureStep extends Ordered {
    void erase(Erasure erasure);

    /**
     * @param participantId who is erased
     * @param accountId their account, if they had one
     * @param byAccountId who erases: the participant themself, or a coordinator
     * @param byStaff whether a coordinator erases (matches then end on the makelaar's side)
     */
    record Erasure(long participantId, @Nullable Long accountId, long byAccountId, boolean byStaff) {}
}
