package dev.vigil.core.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface HostRepository extends CrudRepository<Host, Integer> {

    Optional<Host> findByName(String name);

    Optional<Host> findByTokenHash(String tokenHash);

    List<Host> findByRevokedAtIsNullOrderByName();

    /** Re-activates a revoked host; 0 when it is active (someone else re-activated it first). */
    @Query("UPDATE hosts SET token_hash = :tokenHash, revoked_at = NULL WHERE id = :id AND revoked_at IS NOT NULL")
    int reactivate(Integer id, String tokenHash);

    /** {@link #reactivate} that also replaces the labels, in the same statement. */
    @Query("UPDATE hosts SET token_hash = :tokenHash, revoked_at = NULL, labels = :labels WHERE id = :id AND revoked_at IS NOT NULL")
    int reactivateWithLabels(Integer id, String tokenHash, @Nullable String labels);

    /** Replaces an active host's labels (JSON object or null); 0 when the host is revoked or unknown. */
    @Query("UPDATE hosts SET labels = :labels WHERE id = :id AND revoked_at IS NULL")
    int updateLabels(Integer id, @Nullable String labels);

    /** Revokes an active host; 0 when it was already revoked. */
    @Query("UPDATE hosts SET token_hash = NULL, revoked_at = :revokedAt WHERE id = :id AND revoked_at IS NULL")
    int revoke(Integer id, long revokedAt);
}
