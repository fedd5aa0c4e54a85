package nl.noaber.notify;

import java.util.List;
import java.util.Map;

/**
 * Every mail in Dutch and English, as plain text and as HTML, with the least personal data needed:
 * the recipient's own name, the other person's display name and the request's title. No address,
 * phone number or email of anyone is ever in a mail; after acceptance the app shows how to reach
 * each other.
 */
final class Templates {
    private Templates() {}

    /**
     * What a mail about a match is made of. {@code recipientHelps}: the recipient is the helper;
     * {@code matchedElsewhere}: a proposal ended because its one-off request found another helper
     * ({@link Notifications#MATCHED_ELSEWHERE}); {@code changed}: a proposal ended because the other
     * person changed their request (or the offer it used), and what changed: {@code category},
     * {@code place}, {@code schedule} (empty otherwise).
     */
    record MatchFacts(String recipientName, String otherName, String requestTitle, boolean recipientHelps,
                      boolean wasAccepted, boolean matchedElsewhere, List<String> changed, String link,
                      String unsubscribeUrl) {}

    record Rendered(String subject, String text, String html) {}

    /** How a mail names the other person once they have been erased. */
    static String formerParticipant(String language) {
        return "en".equals(language) ? "someone who has left Noaber" : "iemand die Noaber heeft verlaten";
    }

    private record Words(String subject, String line, String action) {}

    static Rendered match(NotificationKind kind, String language, MatchFacts f) {
        boolean nl = !"en".equals(language);
        Words w = nl ? dutch(kind, f) : english(kind, f);
        return framed(nl, w.subject(), f.recipientName(), w.line(), w.action(), f.link(), f.unsubscribeUrl());
    }

    /** A mail to a participant: greeting, one paragraph, one button, signature, and why they get it, with the way out. */
    private static Rendered framed(boolean nl, String subject, String recipientName, String line, String action, String link,
                                   String unsubscribeUrl) {
        String greeting = (nl ? "Beste " : "Dear ") + recipientName + ",";
        String signature = nl ? "Met vriendelijke groet,\nNoaber, uw buurtmarktplaats" : "Kind regards,\nNoaber, your neighbourhood marketplace";
        String why = nl
                ? "U krijgt deze mail omdat u meedoet aan Noaber. Geen mails meer van deze soort: "
                : "You receive this mail because you take part in Noaber. No more mails of this kind: ";
        String text = greeting + "\n\n" + line + "\n\n" + action + ":\n" + link + "\n\n" + signature
                + "\n\n-- \n" + why + unsubscribeUrl + "\n";
        String html = "<!DOCTYPE html>\n<html lang=\"" + (nl ? "nl" : "en") + "\"><head><meta charset=\"utf-8\"><title>"
                + esc(subject) + "</title></head>\n<body style=\"font-family: sans-serif; font-size: 18px; line-height: 1.5;\">\n"
                + "<p>" + esc(greeting) + "</p>\n<p>" + esc(line) + "</p>\n"
                + "<p><a href=\"" + esc(link) + "\" style=\"display: inline-block; padding: 12px 20px; background: #1a5e3a; "
                + "color: #ffffff; text-decoration: none; border-radius: 6px;\">" + esc(action) + "</a></p>\n"
                + "<p>" + esc(signature).replace("\n", "<br>") + "</p>\n"
                + "<hr><p style=\"font-size: 14px;\">" + esc(why) + "<a href=\"" + esc(unsubscribeUrl) + "\">"
                + (nl ? "afmelden" : "unsubscribe") + "</a></p>\n</body></html>\n";
        return new Rendered(subject.replaceAll("[\\r\\n\\t]+", " "), text, html);
    }

    /**
     * A makelaar's morning digest: how much news waits on their work queue for people without
     * email, with no names (the queue itself shows them, behind a login). Dutch: staff accounts have
     * no language of their own yet.
     */
    static Rendered makelaarDigest(String language, long own, long shared, long oldestDays, String link,
                                   String unsubscribeUrl) {
        boolean nl = !"en".equals(language);
        long all = own + shared;
        String subject = nl
                ? "Uw werklijst: " + all + (all == 1 ? " bericht" : " berichten") + " voor mensen zonder e-mail"
                : "Your work queue: " + all + (all == 1 ? " message" : " messages") + " for people without email";
        String line = nl
                ? "Op uw werklijst staan " + own + (own == 1 ? " bericht" : " berichten") + " voor uw eigen deelnemers"
                        + " en " + shared + " op de gedeelde lijst (deelnemers zonder makelaar). Het oudste wacht "
                        + (oldestDays == 0 ? "sinds vandaag." : oldestDays == 1 ? "sinds gisteren." : "al " + oldestDays + " dagen.")
                : "Your work queue holds " + own + (own == 1 ? " message" : " messages") + " for your own participants"
                        + " and " + shared + " on the shared queue (participants without a makelaar). The oldest has waited "
                        + (oldestDays == 0 ? "since today." : oldestDays == 1 ? "since yesterday." : oldestDays + " days.");
        String hello = nl ? "Goedemorgen," : "Good morning,";
        String action = nl ? "Naar de werklijst" : "To the work queue";
        String stop = nl ? "Geen dagoverzicht meer: " : "No more daily digests: ";
        String text = hello + "\n\n" + line + "\n\n" + action + ":\n" + link + "\n\n-- \n" + stop + unsubscribeUrl + "\n";
        String html = "<!DOCTYPE html>\n<html lang=\"" + (nl ? "nl" : "en") + "\"><head><meta charset=\"utf-8\"><title>"
                + esc(subject) + "</title></head>\n<body style=\"font-family: sans-serif; font-size: 18px; line-height: 1.5;\">\n"
                + "<p>" + esc(hello) + "</p>\n<p>" + esc(line) + "</p>\n<p><a href=\"" + esc(link) + "\">" + esc(action)
                + "</a></p>\n<hr><p style=\"font-size: 14px;\">" + esc(stop) + "<a href=\"" + esc(unsubscribeUrl) + "\">"
                + (nl ? "afmelden" : "unsubscribe") + "</a></p>\n</body></html>\n";
        return new Rendered(subject, text, html);
    }

    /**
     * The owner's own request (or offer) expired: its time went by without a match. What to do next: post
     * it again with a new time, or, for a request, ask their makelaar, who can also look for someone.
     */
    static Rendered listingExpired(String language, String recipientName, String title, boolean request, String link,
                                   String unsubscribeUrl) {
        boolean nl = !"en".equals(language);
        String subject = nl ? (request ? "Hulpvraag verlopen: " : "Aanbod verlopen: ") + title
                : (request ? "Request expired: " : "Offer expired: ") + title;
        String line = nl
                ? (request ? "De tijd die u vroeg voor uw hulpvraag ‘" + title + "’ is voorbij, en er is geen helper voor gevonden. "
                        + "De vraag staat daarom niet meer open. Hebt u nog steeds hulp nodig? Plaats de vraag opnieuw met een nieuwe tijd, "
                        + "of bel uw sociaal makelaar: die zoekt graag met u mee."
                        : "De tijd van uw aanbod ‘" + title + "’ is voorbij. Het aanbod staat daarom niet meer open. "
                        + "Wilt u nog steeds helpen? Plaats het opnieuw met een nieuwe tijd.")
                : (request ? "The time you asked for with your request ‘" + title + "’ has gone by, and no helper was found. "
                        + "The request is therefore no longer open. Do you still need help? Post it again with a new time, "
                        + "or call your social broker (sociaal makelaar), who will gladly look with you."
                        : "The time of your offer ‘" + title + "’ has gone by, so it is no longer open. "
                        + "Would you still like to help? Post it again with a new time.");
        return framed(nl, subject, recipientName, line, nl ? "Bekijk en plaats opnieuw" : "See it and post again", link,
                unsubscribeUrl);
    }

    /** One open request in a volunteer's digest: its public form only. */
    record NearbyItem(String title, String category, @io.micronaut.core.annotation.Nullable String neighbourhood) {}

    /**
     * A volunteer's digest of new open requests near them that fit their skills: titles, kinds of
     * help and neighbourhoods, as anyone browsing sees them; no names, no places.
     */
    static Rendered nearbyDigest(String language, String recipientName, java.util.List<NearbyItem> items, long total,
                                 String link, String unsubscribeUrl) {
        boolean nl = !"en".equals(language);
        String subject = nl ? "Nieuwe hulpvragen bij u in de buurt (" + total + ")" : "New requests near you (" + total + ")";
        String greeting = (nl ? "Beste " : "Dear ") + recipientName + ",";
        String intro = nl ? "Sinds het vorige overzicht zijn er hulpvragen bij u in de buurt bijgekomen waar u goed in bent:"
                : "Since the last digest, new requests near you ask for what you are good at:";
        StringBuilder list = new StringBuilder();
        StringBuilder htmlList = new StringBuilder("<ul>\n");
        for (NearbyItem i : items) {
            String where = i.neighbourhood() == null ? "" : ", " + i.neighbourhood();
            list.append("- ").append(i.title()).append(" (").append(i.category()).append(where).append(")\n");
            htmlList.append("<li>").append(esc(i.title())).append(" (").append(esc(i.category() + where)).append(")</li>\n");
        }
        htmlList.append("</ul>\n");
        String more = total > items.size() ? (nl ? "En nog " + (total - items.size()) + " meer.\n" : "And " + (total - items.size())
                + " more.\n") : "";
        String action = nl ? "Bekijk de hulpvragen" : "See the requests";
        String why = nl ? "U vroeg om dit dagoverzicht. Geen dagoverzicht meer: " : "You asked for this daily digest. No more digests: ";
        String text = greeting + "\n\n" + intro + "\n\n" + list + more + "\n" + action + ":\n" + link + "\n\n-- \n" + why
                + unsubscribeUrl + "\n";
        String html = "<!DOCTYPE html>\n<html lang=\"" + (nl ? "nl" : "en") + "\"><head><meta charset=\"utf-8\"><title>"
                + esc(subject) + "</title></head>\n<body style=\"font-family: sans-serif; font-size: 18px; line-height: 1.5;\">\n"
                + "<p>" + esc(greeting) + "</p>\n<p>" + esc(intro) + "</p>\n" + htmlList
                + (more.isEmpty() ? "" : "<p>" + esc(more.trim()) + "</p>\n")
                + "<p><a href=\"" + esc(link) + "\">" + esc(action) + "</a></p>\n"
                + "<hr><p style=\"font-size: 14px;\">" + esc(why) + "<a href=\"" + esc(unsubscribeUrl) + "\">"
                + (nl ? "afmelden" : "unsubscribe") + "</a></p>\n</body></html>\n";
        return new Rendered(subject, text, html);
    }

    private static Words dutch(NotificationKind kind, MatchFacts f) {
        String t = "\u201c" + f.requestTitle() + "\u201d";
        String o = f.otherName();
        return switch (kind) {
            case MATCH_PROPOSED -> new Words("Voorstel: " + f.requestTitle(), f.recipientHelps()
                    ? "U bent voorgesteld om " + o + " te helpen met " + t + "."
                    : o + " is voorgesteld om u te helpen met " + t + ".", "Bekijk het voorstel");
            case MATCH_ACCEPTED -> new Words("Het is rond: " + f.requestTitle(),
                    "Het is rond: " + o + " en u zijn een match voor " + t + ". In Noaber ziet u hoe u elkaar bereikt.",
                    "Bekijk de match");
            case MATCH_DECLINED -> new Words("Voorstel gaat niet door: " + f.requestTitle(),
                    "Het voorstel met " + o + " voor " + t + " gaat helaas niet door.", "Bekijk uw matches");
            case MATCH_CANCELLED -> !f.changed().isEmpty() ? (f.recipientHelps()
                    ? new Words("Hulpvraag veranderd: " + f.requestTitle(),
                            o + " heeft " + t + " veranderd (" + changedWords(f.changed(), true)
                                    + "), dus het voorstel aan u gaat niet door. Past de hulpvraag u nog? Dan kunt u opnieuw reageren.",
                            "Bekijk uw matches")
                    : new Words("Aanbod veranderd: " + f.requestTitle(),
                            o + " heeft het aanbod veranderd waarmee het voorstel voor " + t
                                    + " gedaan was, dus dat voorstel gaat niet door.", "Bekijk uw matches"))
                    : f.matchedElsewhere()
                    ? new Words("Al geholpen: " + f.requestTitle(),
                            "Voor " + t + " van " + o + " heeft zich al iemand anders gemeld, dus het voorstel aan u gaat niet door."
                                    + " Dank u wel dat u wilde helpen!", "Bekijk uw matches")
                    : new Words((f.wasAccepted() ? "Match beëindigd: " : "Voorstel ingetrokken: ") + f.requestTitle(),
                    f.wasAccepted() ? "De match met " + o + " voor " + t + " is beëindigd."
                            : "Het voorstel met " + o + " voor " + t + " is ingetrokken.", "Bekijk uw matches");
            case MATCH_COMPLETED -> new Words("Afgerond: " + f.requestTitle(),
                    "De match met " + o + " voor " + t + " is afgerond. Dank u wel!", "Bekijk de match");
            case FOLLOW_UP -> new Words("Hoe gaat het? " + f.requestTitle(), (f.recipientHelps()
                    ? "U helpt " + o + " met " + t + "." : o + " helpt u met " + t + ".")
                    + " Hoe gaat het? Laat in Noaber weten wanneer er geholpen is, of rond de match af als het klaar is.",
                    "Bekijk de match");
            case PROPOSAL_REMINDER -> new Words("Wacht op uw antwoord: " + f.requestTitle(), (f.recipientHelps()
                    ? "U bent voorgesteld om " + o + " te helpen met " + t + "."
                    : o + " wil u helpen met " + t + ".")
                    + " Dat voorstel wacht nog op uw antwoord. Wilt u laten weten of het doorgaat? Nee zeggen mag ook.",
                    "Bekijk het voorstel");
            default -> throw new IllegalArgumentException(kind + " is not about one match");
        };
    }

    private static Words english(NotificationKind kind, MatchFacts f) {
        String t = "\u201c" + f.requestTitle() + "\u201d";
        String o = f.otherName();
        return switch (kind) {
            case MATCH_PROPOSED -> new Words("Proposal: " + f.requestTitle(), f.recipientHelps()
                    ? "You have been proposed to help " + o + " with " + t + "."
                    : o + " has been proposed to help you with " + t + ".", "See the proposal");
            case MATCH_ACCEPTED -> new Words("It's a match: " + f.requestTitle(),
                    "It's a match: " + o + " and you for " + t + ". Noaber shows you how to reach each other.",
                    "See the match");
            case MATCH_DECLINED -> new Words("Proposal not going ahead: " + f.requestTitle(),
                    "The proposal with " + o + " for " + t + " is not going ahead.", "See your matches");
            case MATCH_CANCELLED -> !f.changed().isEmpty() ? (f.recipientHelps()
                    ? new Words("Request changed: " + f.requestTitle(),
                            o + " has changed " + t + " (" + changedWords(f.changed(), false)
                                    + "), so the proposal to you is off. Does the request still suit you? Then you can respond again.",
                            "See your matches")
                    : new Words("Offer changed: " + f.requestTitle(),
                            o + " has changed the offer the proposal for " + t + " was made with, so that proposal is off.",
                            "See your matches"))
                    : f.matchedElsewhere()
                    ? new Words("Already helped: " + f.requestTitle(),
                            "Someone else is already helping " + o + " with " + t + ", so the proposal to you is off."
                                    + " Thank you for being willing to help!", "See your matches")
                    : new Words((f.wasAccepted() ? "Match ended: " : "Proposal withdrawn: ") + f.requestTitle(),
                    f.wasAccepted() ? "The match with " + o + " for " + t + " has ended."
                            : "The proposal with " + o + " for " + t + " was withdrawn.", "See your matches");
            case MATCH_COMPLETED -> new Words("Completed: " + f.requestTitle(),
                    "The match with " + o + " for " + t + " is completed. Thank you!", "See the match");
            case FOLLOW_UP -> new Words("How is it going? " + f.requestTitle(), (f.recipientHelps()
                    ? "You are helping " + o + " with " + t + "." : o + " is helping you with " + t + ".")
                    + " How is it going? Let Noaber know when help was given, or complete the match when it is done.",
                    "See the match");
            case PROPOSAL_REMINDER -> new Words("Waiting for your answer: " + f.requestTitle(), (f.recipientHelps()
                    ? "You have been proposed to help " + o + " with " + t + "."
                    : o + " would like to help you with " + t + ".")
                    + " The proposal is still waiting for your answer. Will you let us know whether it goes ahead? Saying no is fine too.",
                    "See the proposal");
            default -> throw new IllegalArgumentException(kind + " is not about one match");
        };
    }

    /** "the kind of help, the place and the time" for what {@link nl.noaber.listing.ListingChanged} names. */
    static String changedWords(List<String> changed, boolean nl) {
        List<String> words = changed.stream().map(c -> switch (c) {
            case "category" -> nl ? "de soort hulp" : "the kind of help";
            case "place" -> nl ? "de plaats" : "the place";
            case "schedule" -> nl ? "de tijd" : "the time";
            default -> c;
        }).toList();
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + (nl ? " en " : " and ") + words.get(words.size() - 1);
    }

    private static final Map<Character, String> ENTITIES = Map.of('&', "&amp;", '<', "&lt;", '>', "&gt;", '"', "&quot;", '\'', "&#39;");

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            String e = ENTITIES.get(c);
            out.append(e == null ? String.valueOf(c) : e);
        }
        return out.toString();
    }
}
