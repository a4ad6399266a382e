package dev.vigil.core.job;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface JobRunRepository extends CrudRepository<JobRun, Long> {

    Optional<JobRun> findFirstByJobAndOkOrderByFinishedAtDesc(String job, boolean ok);

    Optional<JobRun> findFirstByJobOrderByFinishedAtDesc(String job);
}
