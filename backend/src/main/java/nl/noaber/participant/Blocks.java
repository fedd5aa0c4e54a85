package nl.noaber.participant;

/**
 * The one rule for blocks in SQL (table {@code participant_block}): a block works both ways, so two
 * people are apart when either blocked the other. Statements that need the rule take its text from
 * here, with their own expressions for the people (a column, or {@code ?} to bind).
 */
public final class Blocks {
    private Blocks() {}

    /** A condition: {@code a} and {@code b} (SQL expressions, each read twice: bind a, b, b, a) are apart. */
    public static String eitherWay(String a, String b) {
        return "EXISTS (SELECT 1 FROM participant_block pb WHERE (pb.blocker_id = " + a + " AND pb.blocked_id = " + b
                + ") OR (pb.blocker_id = " + b + " AND pb.blocked_id = " + a + "))";
    }

    /** A query of one column: everyone {@code who} (an SQL expression, read twice) blocked or was blocked by. */
    public static String with(String who) {
        return "SELECT pb.blocked_id FROM participant_block pb WHERE pb.blocker_id = " + who
                + " UNION ALL SELECT pb.blocker_id FROM participant_block pb WHERE pb.blocked_id = " + who;
    }
}
