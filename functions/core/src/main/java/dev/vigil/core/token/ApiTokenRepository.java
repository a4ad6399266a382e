package dev.vigil.core.token;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ApiTokenRepository extends CrudRepository<ApiToken, Integer> {

    Optional<ApiToken> findByName(String name);

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findAllOrderByName();

    /** @return rows deleted: 0 when no token has that name */
    int deleteByName(String name);

    /** Only moves forward, so concurrent requests never set it back. */
    @Query("UPDATE api_tokens SET last_used_at = :usedAt WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :usedAt)")
    int touch(Integer id, long usedAt);
}
