package nl.noaber.account;

/**
 * A coordinator disabled an account. Published inside that transaction, so that what hangs on the
 * account's participant (their proposed and running matches, in the match feature) ends with it or
 * not at all.
 *
 * @param accountId   the account disabled
 * @param byAccountId the coordinator who did it
 */
public record AccountDisabled(long accountId, long byAccountId) {}
