package org.uklad.questionnaire;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface QuestionnaireVersionRepository extends CrudRepository<QuestionnaireVersion, Long> {

    Optional<QuestionnaireVersion> findByQuestionnaireKeyAndFingerprint(String questionnaireKey, String fingerprint);

    Optional<QuestionnaireVersion> findFirstByQuestionnaireKeyOrderByVersionDesc(String questionnaireKey);

    List<QuestionnaireVersion> findAllOrderByQuestionnaireKeyAndVersion();

    /** Serialises imports of one questionnaire key across app replicas until the transaction ends. */
    @Query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('questionnaire_version:' || :questionnaireKey))) AS locked")
    long lockKey(String questionnaireKey);
}
