package nl.noaber.match;

import nl.noaber.web.ApiException;
import nl.noaber.web.Problem;

/** The match feature's 403s and 409s; 409s name the field and rule, like every 400 and 422. */
final class Refusals {
    private Refusals() {}

    /** 409: the match, request or helper is in a state that does not allow this. */
    static ApiException conflict(String field, String rule, String message) {
        return ApiException.conflict(field, rule, message);
    }

    /** 403: a party (or staff member) who may see the match, doing what only someone else may do. */
    static ApiException forbidden(String rule, String message) {
        return new ApiException(Problem.of(403, rule, "Forbidden", message));
    }

    /** 404 for a match that does not exist and for one the caller is not a party to: ids tell nothing. */
    static ApiException notFound(long id) {
        return ApiException.notFound("Match " + id);
    }

    static ApiException illegalTransition(Match m, String action, MatchStatus from) {
        return conflict("status", "illegal-transition", "Cannot " + action + ": the match is " + m.status()
                + "; only a " + from + " match can be " + pastTense(action));
    }

    private static String pastTense(String action) {
        return switch (action) {
            case "accept" -> "accepted";
            case "decline" -> "declined";
            case "withdraw" -> "withdrawn";
            case "complete" -> "completed";
            case "cancel" -> "cancelled";
            default -> action + "ed";
        };
    }
}
