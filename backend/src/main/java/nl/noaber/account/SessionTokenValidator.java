package nl.noaber.account;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.encryption.EncryptionConfiguration;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtValidator;
import com.nimbusds.jwt.JWT;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An access token is only as good as its session. This validator does what Micronaut's own
 * (Nimbus) validator does (signature, expiry and claims) and then checks that the session the
 * token names is live and its account enabled. After logout, disabling an account or a reused
 * refresh token, the session's tokens are refused: at once on the instance that ended it, and on
 * every other instance as soon as the database's notification arrives (SessionCache). The request
 * is then anonymous, so a secured endpoint answers 401.
 *
 * <p>Most requests repeat a token seen a moment ago. A verified token is kept (keyed by its full
 * text, until its own expiry), so its signature is not checked again; when its session is also
 * known live, the answer comes without a database round trip and without leaving the event loop.
 * Otherwise the check runs on the blocking executor.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class SessionTokenValidator<T> implements ReactiveJsonWebTokenValidator<JWT, T> {
    private static final int MAX_TOKENS = 50_000;

    private record Verified(JWT jwt, Authentication authentication, CurrentUser user, Instant expiresAt) {}

    private final JwtValidator<T> validator;
    private final JwtAuthenticationFactory authentications;
    private final SessionStore sessions;
    private final Scheduler scheduler;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @SuppressWarnings({"rawtypes", "unchecked"})
    public SessionTokenValidator(Collection<SignatureConfiguration> signatures,
                                 Collection<EncryptionConfiguration> encryptions,
                                 Collection<GenericJwtClaimsValidator> claimsValidators,
                                 JwtAuthenticationFactory authentications,
                                 SessionStore sessions,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.validator = JwtValidator.builder()
                .withSignatures(signatures)
                .withEncryptions(encryptions)
                .withClaimValidators((Collection) claimsValidators)
                .build();
        this.authentications = authentications;
        this.sessions = sessions;
        this.scheduler = Schedulers.fromExecutorService(executor);
    }

    /** Signature, expiry and claims only: what other users of the interface expect. */
    @Override
    public Publisher<JWT> validate(String token, T request) {
        Verified known = known(token);
        if (known != null) {
            return Mono.just(known.jwt());
        }
        return Mono.fromCallable(() -> Optional.ofNullable(verify(token, request)).map(Verified::jwt))
                .flatMap(Mono::justOrEmpty)
                .subscribeOn(scheduler);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, T request) {
        Verified known = known(token);
        if (known != null && sessions.knownLive(known.user().sessionId(), known.user().accountId())) {
            return Mono.just(known.authentication());
        }
        return Mono.fromCallable(() -> {
                    Verified v = known != null ? known : verify(token, request);
                    return v != null && live(v.user()) ? Optional.of(v.authentication()) : Optional.<Authentication>empty();
                })
                .flatMap(Mono::justOrEmpty)
                .subscribeOn(scheduler);
    }

    /** A token verified before and not expired since, or null. */
    private Verified known(String token) {
        Verified v = verified.get(token);
        if (v == null) {
            return null;
        }
        if (!Instant.now().isBefore(v.expiresAt())) {
            verified.remove(token);
            return null;
        }
        return v;
    }

    /** Checks signature and claims; remembers the result when the token names a session. */
    private Verified verify(String token, T request) {
        Optional<JWT> jwt = validator.validate(token, request);
        if (jwt.isEmpty()) {
            return null;
        }
        Optional<Authentication> authentication = authentications.createAuthentication(jwt.get());
        if (authentication.isEmpty()) {
            return null;
        }
        CurrentUser user;
        Date expiry;
        try {
            user = CurrentUser.of(authentication.get());
            expiry = jwt.get().getJWTClaimsSet().getExpirationTime();
        } catch (RuntimeException | java.text.ParseException e) {
            return null;
        }
        if (user.sessionId() == null || expiry == null) {
            return null;
        }
        Verified v = new Verified(jwt.get(), authentication.get(), user, expiry.toInstant());
        if (verified.size() >= MAX_TOKENS) {
            Instant now = Instant.now();
            verified.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
        }
        verified.put(token, v);
        return v;
    }

    private boolean live(CurrentUser user) {
        return sessions.isLive(user.sessionId(), user.accountId());
    }
}
