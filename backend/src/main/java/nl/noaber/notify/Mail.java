package nl.noaber.notify;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * One mail as handed to SMTP: a plain-text part and an HTML part, and the headers Noaber sets
 * itself (Message-ID, List-Unsubscribe, List-Unsubscribe-Post, Content-Language).
 */
public record Mail(String to, String subject, String text, @Nullable String html, Map<String, String> headers) {}
