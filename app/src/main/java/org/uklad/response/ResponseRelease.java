package org.uklad.response;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.SmallGroups;

/**
 * Publishes held submissions so that nobody who reads the database or compares two views of a
 * dashboard can single out a respondent (migration V11 describes the tables).
 *
 * <ul>
 *   <li>A group (wave, school, questionnaire version, group label) is published when at least k
 *       (the minimum group size) of its submissions are held: all of them at once, in random order,
 *       under new ids, in one transaction. So every published figure, export and comparison moves
 *       in steps of at least k respondents, and the published rows share no transaction with the
 *       uses of their access codes.</li>
 *   <li>After a wave closes, what is still held of a school's questionnaire (fewer than k in each
 *       group) is published as one block under {@link #OTHER_GROUPS} once it numbers at least k;
 *       otherwise it stays held: published figures never move by fewer than k.</li>
 *   <li>Every night the responses of each group and past day that were published in several blocks
 *       are written again in one random order, so even the order of the blocks within a day is gone.</li>
 * </ul>
 * The submission that makes a group reach k publishes it right after its own commit; a background
 * step every {@code uklad.responses.release-interval} does whatever is left (a crash in between, a
 * closed wave, the nightly rewrite). Row locks decide between concurrent publishers of one group.
 */
@Singleton
public class ResponseRelease {

    /** The group label of the responses published together after a wave closed: the merged small groups. */
    public static final String OTHER_GROUPS = SmallGroups.OTHER_GROUPS;

    private static final Logger LOG = LoggerFactory.getLogger(ResponseRelease.class);

    private final TransactionOperations<Connection> transactions;
    private final Sealing sealing;
    private final QuestionnaireRegistry questionnaires;
    private final int k;
    private final SubmissionConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    ResponseRelease(TransactionOperations<Connection> transactions, Sealing sealing, QuestionnaireRegistry questionnaires,
                    SuppressionPolicy policy, SubmissionConfiguration configuration) {
        this.transactions = transactions;
        this.sealing = sealing;
        this.questionnaires = questionnaires;
        this.k = policy.minGroupSize();
        this.configuration = configuration;
    }

    /**
     * Publishes the group if it now holds at least k submissions; called after a commit that held
     * some (the paper import). What it held is stored already: a failure here only leaves the group
     * to the background step.
     */
    void offer(ResponseStore.Group g) {
        try {
            offer(g, transactions.executeRead(status -> ResponseStore.heldCount(status.getConnection(), g)));
        } catch (RuntimeException e) {
            LOG.warn("publishing a group after its commit failed, left to the background step: {}", e.toString());
        }
    }

    /**
     * The same, when the caller knows how many the group holds (a submission's own statement
     * counted them). One publisher per group at a time in this process: a submission that finds
     * its group being published only asks for another round and returns at once, and the round
     * runs off the respondents' requests. Before, every submission of a busy group that counted k
     * queued on the publisher's row locks until its commit, only to find the rows gone: with all
     * of a class answering at once, the group's submissions took turns (BENCHMARKS.md, Submissions).
     */
    void offer(ResponseStore.Group g, int held) {
        if (held < k) {
            return;
        }
        boolean[] mine = new boolean[1];
        publishing.compute(g, (group, again) -> {
            mine[0] = again == null;
            return mine[0] ? Boolean.FALSE : Boolean.TRUE;
        });
        if (mine[0]) {
            publishRounds(g);
        }
    }

    /** Groups being published by this process, and whether another round was asked for meanwhile. */
    private final Map<ResponseStore.Group, Boolean> publishing = new ConcurrentHashMap<>();

    /*
     * Publishes the group, then, if another submission asked meanwhile, once more on a virtual
     * thread of its own (the first round is the k-th submission's, so a group is published when
     * its k-th respondent has the answer). The group stays claimed until no round is asked for.
     */
    private void publishRounds(ResponseStore.Group g) {
        boolean again = true;
        try {
            publishLogged(g);
            again = publishing.compute(g, (group, asked) -> Boolean.TRUE.equals(asked) ? Boolean.FALSE : null) != null;
        } finally {
            if (again) {
                Thread.ofVirtual().name("publish-again").start(() -> {
                    boolean more = true;
                    try {
                        while (more) {
                            publishLogged(g);
                            more = publishing.compute(g, (group, asked) -> Boolean.TRUE.equals(asked) ? Boolean.FALSE : null) != null;
                        }
                    } finally {
                        if (more) {
                            publishing.remove(g); // failed: the background step and the next k-th take over
                        }
                    }
                });
            }
        }
    }

    private void publishLogged(ResponseStore.Group g) {
        try {
            publish(g);
        } catch (RuntimeException e) {
            LOG.warn("publishing a group after its commit failed, left to the background step: {}", e.toString());
        }
    }

    /** Publishes a group's held submissions if at least k; returns how many were published. */
    int publish(ResponseStore.Group g) {
        return publishHeld(g, true, g.groupLabel());
    }

    /** A closed wave's remainder of one school and questionnaire, across its groups, if at least k. */
    int publishRemainder(long waveId, long schoolId, long versionId) {
        return publishHeld(new ResponseStore.Group(waveId, schoolId, versionId, null), false, OTHER_GROUPS);
    }

    private record Held(UUID id, String groupLabel, LocalDate day, byte[] sealed) {}

    /*
     * Claims the held rows and deletes them in one statement, opens them, and writes them as one
     * block in random order. Row locks decide between concurrent publishers (another replica, the
     * background step): rows another is publishing are skipped, not waited for, so a publisher
     * never queues behind another's commit; whoever claims fewer than k publishes nothing.
     */
    private int publishHeld(ResponseStore.Group g, boolean oneGroup, String publishedLabel) {
        Questionnaire questionnaire = questionnaires.byId(g.versionId()).orElseThrow().questionnaire();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Held> held = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM response_held WHERE id IN (
                        SELECT id FROM response_held
                        WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ?"""
                    + (oneGroup ? " AND group_label = ?" : "") + """
                     FOR UPDATE SKIP LOCKED)
                    RETURNING id, group_label, submitted_on, sealing_key_id, sealed""")) {
                ps.setLong(1, g.waveId());
                ps.setLong(2, g.schoolId());
                ps.setLong(3, g.versionId());
                if (oneGroup) {
                    ps.setString(4, g.groupLabel());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString(4).equals(sealing.keyId())) {
                            throw new IllegalStateException("held submission sealed with another key");
                        }
                        held.add(new Held(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                                rs.getBytes(5)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (held.size() < k) {
                status.setRollbackOnly(); // not enough yet: they stay held
                return 0;
            }
            Collections.shuffle(held, random);
            List<ResponseStore.Published> block = new ArrayList<>(held.size());
            for (Held h : held) {
                List<StoredAnswer> answers = sealing.open(
                        Sealing.where(g.waveId(), g.schoolId(), g.versionId(), h.groupLabel(), h.day()), h.sealed());
                block.add(new ResponseStore.Published(h.day(), SubmissionService.likertAnswers(questionnaire, answers), answers));
            }
            ResponseStore.publish(c, g, publishedLabel, block);
            return held.size();
        });
    }

    /*
     * The responses of one group and one past day published in more than one block (not yet
     * day_shuffled), written again in one random order under new ids; the old rows and their
     * answers go. One step for all of them, by one replica at a time.
     */
    private static final List<String> SHUFFLE = List.of("""
            CREATE TEMP TABLE response_move ON COMMIT DROP AS
            SELECT r.id AS old_id, gen_random_uuid() AS new_id, random() AS rnd
            FROM response r
            WHERE r.submitted_on < ? AND (r.wave_id, r.school_id, r.questionnaire_version_id, r.group_label, r.submitted_on) IN (
                SELECT wave_id, school_id, questionnaire_version_id, group_label, submitted_on
                FROM response WHERE NOT day_shuffled AND submitted_on < ?)""", """
            INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on, likert_answers, day_shuffled)
            SELECT m.new_id, r.wave_id, r.school_id, r.questionnaire_version_id, r.group_label, r.submitted_on, r.likert_answers, true
            FROM response r JOIN response_move m ON m.old_id = r.id ORDER BY m.rnd""", """
            INSERT INTO answer (response_id, item_id, value_int, value_text, value_choices)
            SELECT m.new_id, a.item_id, a.value_int, a.value_text, a.value_choices
            FROM answer a JOIN response_move m ON m.old_id = a.response_id ORDER BY m.rnd, a.item_id""", """
            DELETE FROM response WHERE id IN (SELECT old_id FROM response_move)""");

    /** Rewrites in random order the groups' days before {@code today} that were published in blocks; returns the responses moved. */
    int shuffleDays(LocalDate today) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('uklad.shuffle-days'))");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            int moved = 0;
            try {
                for (int i = 0; i < SHUFFLE.size(); i++) {
                    try (PreparedStatement ps = c.prepareStatement(SHUFFLE.get(i))) {
                        if (i == 0) {
                            ps.setObject(1, today);
                            ps.setObject(2, today);
                        }
                        moved = ps.executeUpdate(); // the last step's count: the rows moved
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return moved;
        });
    }

    /** Whatever is due: groups at k (left by a crash), closed waves' remainders, past days' rewrite. */
    @Scheduled(fixedDelay = "${uklad.responses.release-interval:60s}", initialDelay = "${uklad.responses.release-interval:60s}")
    void releaseDue() {
        try {
            for (ResponseStore.Group g : due("""
                    SELECT wave_id, school_id, questionnaire_version_id, group_label FROM response_held
                    GROUP BY 1, 2, 3, 4 HAVING count(*) >= ?""")) {
                publish(g);
            }
            for (ResponseStore.Group g : due("""
                    SELECT h.wave_id, h.school_id, h.questionnaire_version_id, NULL FROM response_held h
                    JOIN wave w ON w.id = h.wave_id WHERE w.closes_at <= now()
                    GROUP BY 1, 2, 3 HAVING count(*) >= ?""")) {
                publishRemainder(g.waveId(), g.schoolId(), g.versionId());
            }
            shuffleDays(LocalDate.now(clock.withZone(configuration.zone())));
        } catch (RuntimeException e) {
            // the next run tries again; nothing held is lost meanwhile
            LOG.warn("publishing held responses failed: {}", e.toString());
        }
    }

    private List<ResponseStore.Group> due(String sql) {
        return transactions.executeRead(status -> {
            List<ResponseStore.Group> groups = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setInt(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new ResponseStore.Group(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return groups;
        });
    }
}
