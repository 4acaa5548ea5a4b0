package io.kvs.auth;

import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.InvalidTokenException;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.PrivateFile;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.SignedToken;
import io.kvs.auth.tokens.TokenIssuer;
import io.kvs.auth.tokens.TokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Creates the root account on the first start of a node that has no users (SPEC §3 Root account): user
 * {@code root} and a long-lived token with every scope, written to {@code {data_dir}/root.token} with mode 0600.
 *
 * <p>Crash safety: the token is first written to a pending file, then the user is stored durably, then the
 * pending file is renamed into place. A crash before the user is stored leaves no user, so the next start begins
 * again; a crash after it leaves a user and a pending file whose token verifies, which the next start renames. A
 * node never ends up with a root user and no way to obtain its token, and a restart never makes a second root.
 */
public final class RootBootstrap {

    public static final String TOKEN_FILE = "root.token";
    public static final String ROOT_NICKNAME = "root";
    static final String PENDING_FILE = "root.token.pending";

    /** Persists the root user and the registry entry of its token, durably, before returning. */
    @FunctionalInterface
    public interface RootRecords {
        void save(User root, IssuedToken token) throws IOException;
    }

    private final Path tokenFile;
    private final Path pendingFile;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final LongSupplier clock;

    public RootBootstrap(Path dataDir, TokenIssuer issuer, TokenVerifier verifier, LongSupplier clock) {
        this.tokenFile = dataDir.resolve(TOKEN_FILE);
        this.pendingFile = dataDir.resolve(PENDING_FILE);
        this.issuer = issuer;
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * Creates the root account when {@code hasUsers} is false, or finishes one a crash interrupted.
     *
     * @return the token file when this call wrote it, so the caller logs its location exactly once
     */
    public Optional<Path> run(boolean hasUsers, RootRecords records) throws IOException {
        if (hasUsers) {
            return finishInterrupted();
        }
        User root = new User(UUID.randomUUID(), ROOT_NICKNAME, clock.getAsLong());
        SignedToken token = issuer.issue(root.uuid(), EnumSet.allOf(Scope.class), TokenIssuer.MAX_TTL);
        Files.deleteIfExists(pendingFile);
        PrivateFile.create(pendingFile, token.token());
        records.save(root, token.claims());
        return Optional.of(publish());
    }

    private Optional<Path> finishInterrupted() throws IOException {
        Optional<String> pending = PrivateFile.read(pendingFile);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        try {
            verifier.verify(pending.get());
        } catch (InvalidTokenException e) {
            // Its user was never stored (or was deleted since): the token is worthless.
            Files.delete(pendingFile);
            return Optional.empty();
        }
        return Optional.of(publish());
    }

    private Path publish() throws IOException {
        Files.move(pendingFile, tokenFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return tokenFile;
    }
}
