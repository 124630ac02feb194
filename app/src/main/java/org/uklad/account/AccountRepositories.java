package org.uklad.account;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Storage of accounts, their schools, their sessions and their API tokens. */
final class AccountRepositories {

    private AccountRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface StaffAccountRepository extends CrudRepository<StaffAccount, Long> {

        Optional<StaffAccount> findByLogin(String login);

        boolean existsByLogin(String login);

        List<StaffAccount> findAllOrderByLogin();

        /** Counts a wrong password for a login; 0 when no account has it. */
        @Query("UPDATE staff_account SET failed_sign_ins = failed_sign_ins + 1 WHERE login = :login")
        long countFailedSignIn(String login);

        @Query("SELECT failed_sign_ins FROM staff_account WHERE id = :id FOR UPDATE")
        int lockFailedSignIns(long id);

        @Query("UPDATE staff_account SET failed_sign_ins = 0 WHERE id = :id")
        void resetFailedSignIns(long id);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface StaffAccountSchoolRepository extends CrudRepository<StaffAccountSchool, Long> {

        List<StaffAccountSchool> findByAccountId(Long accountId);

        List<StaffAccountSchool> findByAccountIdInList(List<Long> accountIds);

        void deleteByAccountId(Long accountId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface StaffSessionRepository extends CrudRepository<StaffSession, Long> {

        Optional<StaffSession> findByTokenHash(String tokenHash);

        void deleteByTokenHash(String tokenHash);

        void deleteByAccountId(Long accountId);

        @Query("DELETE FROM staff_session WHERE account_id = :accountId AND token_hash <> :keep")
        void deleteOthers(Long accountId, String keep);

        @Query("UPDATE staff_session SET last_seen_at = :now WHERE id = :id")
        void touch(Long id, Instant now);

        @Query("DELETE FROM staff_session WHERE expires_at < :now OR last_seen_at < :idleSince")
        void deleteStale(Instant now, Instant idleSince);

        @Query("UPDATE staff_session SET failed_sign_ins = 0 WHERE id = :id")
        void failedSignInsShown(Long id);

    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface StaffApiTokenRepository extends CrudRepository<StaffApiToken, Long> {

        Optional<StaffApiToken> findBySecretHash(String secretHash);

        List<StaffApiToken> findByAccountIdOrderByCreatedAtDesc(Long accountId);

        boolean existsByPublicId(String publicId);

        @Query("UPDATE staff_api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        long revoke(Long id, Instant now);

        /** Writes only on the first use of a day, so a busy script does not write on every request. */
        @Query("UPDATE staff_api_token SET last_used_on = :day WHERE id = :id AND last_used_on IS DISTINCT FROM :day")
        void usedOn(Long id, LocalDate day);
    }
}
