package nl.noaber.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import nl.noaber.db.Db;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a request meets from another at the same moment, where no service named it itself, is a 409
 * the client can act on (run it again), not a 500; any other database failure stays a 500. The
 * failures are PostgreSQL's own error messages, as its driver reads them off the wire.
 */
class ConcurrentChangeTest {

    /** A server error as the driver builds it: fields S (severity), C (SQLSTATE), M (message), n (constraint). */
    private static PSQLException server(String state, String message, String constraint) {
        String fields = "SERROR\0C" + state + "\0M" + message + "\0" + (constraint == null ? "" : "n" + constraint + "\0");
        return new PSQLException(new ServerErrorMessage(fields));
    }

    private static HttpResponse<?> answer(Throwable cause) {
        var context = ErrorContext.builder(HttpRequest.GET("/api/anything")).cause(cause).build();
        return new ProblemHandlers.FrameworkErrors().processResponse(context, HttpResponse.serverError());
    }

    @Test
    void aDeadlockOrSerialisationFailureIsA409ToRunAgain() {
        for (String state : new String[] {"40P01", "40001"}) {
            var response = answer(new Db.DataAccess(server(state, "deadlock detected", null)));
            assertThat(response.code()).as(state).isEqualTo(409);
            assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
            assertThat(response.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo(Problem.MEDIA_TYPE));
            Problem problem = (Problem) response.getBody().orElseThrow();
            assertThat(problem.type()).endsWith("/concurrent-change");
            assertThat(problem.detail()).contains("try again");
        }
    }

    @Test
    void aDuplicateOrAVanishedReferenceWrappedByTheFrameworkIsA409Too() {
        for (String state : new String[] {"23505", "23503"}) {
            // As Micronaut Data's repositories wrap it.
            var wrapped = new io.micronaut.data.exceptions.DataAccessException("Error executing SQL UPDATE",
                    server(state, "duplicate key value violates unique constraint", "some_key"));
            var response = answer(wrapped);
            assertThat(response.code()).as(state).isEqualTo(409);
            assertThat(((Problem) response.getBody().orElseThrow()).detail()).contains("reload and try again");
        }
    }

    @Test
    void anyOtherDatabaseFailureStaysA500AndTellsNothingOfIt() {
        var response = answer(new Db.DataAccess(server("42P01", "relation \"secret_table\" does not exist", null)));
        assertThat(response.code()).isEqualTo(500);
        Problem problem = (Problem) response.getBody().orElseThrow();
        assertThat(problem.detail()).doesNotContain("secret_table").contains("logged");
        assertThat(answer(new IllegalStateException("no SQL at all")).code()).isEqualTo(500);
    }

    @Test
    void aUniqueViolationIsKnownByTheConstraintTheServerNamesNotByItsWording() {
        // A server that speaks Dutch words its message differently; the constraint field is the same.
        var dutch = new Db.DataAccess(server("23505", "dubbele sleutelwaarde schendt unieke beperking", "match_pending_pair_idx"));
        assertThat(Db.uniqueViolation(dutch, "match_pending_pair_idx")).isTrue();
        assertThat(Db.uniqueViolation(dutch, "match_one_off_accepted_idx")).isFalse();
        // The name in the words only (another constraint refused the row) is not that constraint.
        var other = new Db.DataAccess(server("23505", "duplicate key near match_pending_pair_idx", "match_one_off_accepted_idx"));
        assertThat(Db.uniqueViolation(other, "match_pending_pair_idx")).isFalse();
        // A foreign key's refusal is no unique violation, whatever it names.
        assertThat(Db.uniqueViolation(new Db.DataAccess(server("23503", "violates", "match_pending_pair_idx")),
                "match_pending_pair_idx")).isFalse();
    }
}
