package org.uklad.response;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.Jdbc;
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

    private final Jdbc jdbc;
    private final ResponseStore store;
    private final Sealing sealing;
    private final QuestionnaireRegistry questionnaires;
    private final int k;
    private final SubmissionConfiguration configuration;
    private final List<PublishedGroupListener> listeners;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();

    ResponseRelease(Jdbc jdbc, ResponseStore store, Sealing sealing, QuestionnaireRegistry questionnaires,
                    SuppressionPolicy policy, SubmissionConfiguration configuration,
                    List<PublishedGroupListener> listeners) {
        this.jdbc = jdbc;
        this.listeners = List.copyOf(listeners);
        this.store = store;
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
            offer(g, store.heldCount(g));
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
        return publishHeld(g, g.groupLabel());
    }

    /** A closed wave's remainder of one school and questionnaire, across its groups, if at least k. */
    int publishRemainder(long waveId, long schoolId, long versionId) {
        return publishHeld(new ResponseStore.Group(waveId, schoolId, versionId, null), OTHER_GROUPS);
    }

    /*
     * Claims the held rows (deleting them), opens them, and writes them as one block in random
     * order, all in one transaction. Fewer than k claimable: nothing happens (ResponseStore.claim).
     * The listeners learn of the block in the same transaction (PublishedGroupListener).
     */
    private int publishHeld(ResponseStore.Group g, String publishedLabel) {
        Questionnaire questionnaire = questionnaires.byId(g.versionId()).orElseThrow().questionnaire();
        return jdbc.inTransaction(() -> {
            List<ResponseStore.Held> held = new ArrayList<>(store.claim(g, k));
            if (held.isEmpty()) {
                return 0; // not enough yet: they stay held
            }
            Collections.shuffle(held, random);
            List<ResponseStore.Published> block = new ArrayList<>(held.size());
            for (ResponseStore.Held h : held) {
                if (!h.sealingKeyId().equals(sealing.keyId())) {
                    throw new IllegalStateException("held submission sealed with another key");
                }
                List<StoredAnswer> answers = sealing.open(
                        Sealing.where(g.waveId(), g.schoolId(), g.versionId(), h.groupLabel(), h.day()), h.sealed());
                block.add(new ResponseStore.Published(h.day(), SubmissionService.likertAnswers(questionnaire, answers), answers));
            }
            store.publish(g, publishedLabel, block, !listeners.isEmpty());
            if (!listeners.isEmpty()) {
                var published = new PublishedGroupListener.PublishedGroup(g.waveId(), g.schoolId(), g.versionId(),
                        block.stream().map(ResponseStore.Published::likertAnswers).toList());
                listeners.forEach(l -> l.published(published));
            }
            return held.size();
        });
    }

    /** Rewrites in random order the groups' days before {@code today} that were published in blocks; returns the responses moved. */
    int shuffleDays(LocalDate today) {
        return store.shuffleDays(today);
    }

    /** Whatever is due: groups at k (left by a crash), closed waves' remainders, past days' rewrite. */
    @Scheduled(fixedDelay = "${uklad.responses.release-interval:60s}", initialDelay = "${uklad.responses.release-interval:60s}")
    void releaseDue() {
        try {
            for (ResponseStore.Group g : store.groupsHolding(k)) {
                publish(g);
            }
            for (ResponseStore.Group g : store.closedRemaindersHolding(k)) {
                publishRemainder(g.waveId(), g.schoolId(), g.versionId());
            }
            shuffleDays(LocalDate.now(clock.withZone(configuration.zone())));
        } catch (RuntimeException e) {
            // the next run tries again; nothing held is lost meanwhile
            LOG.warn("publishing held responses failed: {}", e.toString());
        }
    }
}
