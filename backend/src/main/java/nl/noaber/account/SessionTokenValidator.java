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
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An access token is only as good as its session. This validator does what Micronaut's own
 * (Nimbus) validator does (signature, expiry and claims) and then checks, in the same
 * step on the same thread, that the session the token names is live in the database and its
 * account enabled. After logout, disabling an account or a reused refresh token, every instance
 * refuses the session's tokens from the next request on; the request is then anonymous, so a
 * secured endpoint answers 401.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class SessionTokenValidator<T> implements ReactiveJsonWebTokenValidator<JWT, T> {
    private final JwtValidator<T> validator;
    private final JwtAuthenticationFactory authentications;
    private final SessionStore sessions;
    private final Scheduler scheduler;

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
        return Mono.fromCallable(() -> validator.validate(token, request))
                .flatMap(Mono::justOrEmpty)
                .subscribeOn(scheduler);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, T request) {
        return Mono.fromCallable(() -> validator.validate(token, request)
                        .flatMap(authentications::createAuthentication)
                        .filter(this::live))
                .flatMap(Mono::justOrEmpty)
                .subscribeOn(scheduler);
    }

    private boolean live(Authentication authentication) {
        CurrentUser user;
        try {
            user = CurrentUser.of(authentication);
        } catch (RuntimeException e) {
            return false;
        }
        return user.sessionId() != null && sessions.isLive(user.sessionId(), user.accountId());
    }
}
