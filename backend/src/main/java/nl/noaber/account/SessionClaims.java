package nl.noaber.account;

import java.util.Map;

/**
 * Extra claims for the access tokens of an account, contributed by other features (the
 * participant feature adds the participant id, so that browsing needs no lookup per request).
 * Claims must not change while a session lives.
 */
public interface SessionClaims {
    Map<String, Object> claimsFor(Account account);
}
