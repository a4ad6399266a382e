package dev.vigil.core.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
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

    void updateTokenHashAndRevokedAt(@Id Integer id, @Nullable String tokenHash, @Nullable Long revokedAt);
}
