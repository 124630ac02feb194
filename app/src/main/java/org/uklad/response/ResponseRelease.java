package org.uklad.response;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.analysis.SuppressionPolicy;
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
 * The submission that makes a group reach k hands it to this process's publisher after its own
 * commit and has its answer at once; the publisher publishes the groups handed to it, several to a
 * transaction under load. A background step every {@code uklad.responses.release-interval} does
 * whatever is left (a crash in between, a closed wave, the nightly rewrite). Row locks decide
 * between concurrent publishers of one group (other replicas, the background step).
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
                    List<PublishedGroupListener> listeners, MeterRegistry meters) {
        this.jdbc = jdbc;
        // groups that reached k and wait for the publisher: above zero for long means publishing lags behind
        meters.gauge("uklad.publication.waiting", pending, p -> {
            synchronized (p) {
                return p.size();
            }
        });
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
     * counted them). The group is handed to this process's publisher and the caller returns at
     * once: a respondent's answer never waits for a publication. Publications of one wave take
     * turns on the wave's revision row (V22, V29) and each ends in a commit of its own, so when the
     * k-th submission published before its answer, one slow commit made every k-th respondent of
     * the wave wait behind it, inside its admission turn (BENCHMARKS.md, "A live wave").
     */
    void offer(ResponseStore.Group g, int held) {
        if (held < k) {
            return;
        }
        synchronized (pending) {
            pending.add(g);
            asked++;
            if (!publisherRunning) {
                publisherRunning = true;
                Thread.ofVirtual().name("publisher").start(this::publishPending);
            }
        }
    }

    /** Groups handed to the publisher and not yet taken by it (a group asked for twice is published once). */
    private final Set<ResponseStore.Group> pending = new LinkedHashSet<>();
    /** Guarded by {@link #pending}: offers so far, offers whose groups were published (or tried), whether the publisher runs. */
    private long asked;
    private long settled;
    private boolean publisherRunning;

    /** At most this many groups are published in one transaction (one commit, one turn on the wave's revision row). */
    static final int GROUPS_PER_TRANSACTION = 32;

    /*
     * The publisher: takes every group asked for so far and publishes them, GROUPS_PER_TRANSACTION
     * to a transaction, until none is left. Under a live wave's load, the groups that reached k
     * while one transaction was being written go together into the next: one commit and one turn
     * on the wave's row for many groups, where a commit each made them queue.
     */
    private void publishPending() {
        boolean ended = false;
        try {
            publishRounds();
            ended = true;
        } finally {
            if (!ended) { // an Error: let the next offer start a publisher again (the background step covers the rest)
                synchronized (pending) {
                    publisherRunning = false;
                    settled = asked;
                    pending.notifyAll();
                }
            }
        }
    }

    private void publishRounds() {
        while (true) {
            List<ResponseStore.Group> round;
            long upTo;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    publisherRunning = false;
                    pending.notifyAll();
                    return;
                }
                round = new ArrayList<>(pending);
                pending.clear();
                upTo = asked;
            }
            // one order for every publisher (other replicas, the background step): no deadlock on the rows they share
            round.sort(GROUP_ORDER);
            for (int from = 0; from < round.size(); from += GROUPS_PER_TRANSACTION) {
                publishTogether(round.subList(from, Math.min(round.size(), from + GROUPS_PER_TRANSACTION)));
            }
            synchronized (pending) {
                settled = upTo;
                pending.notifyAll();
            }
        }
    }

    private static final Comparator<ResponseStore.Group> GROUP_ORDER = Comparator
            .comparingLong(ResponseStore.Group::waveId).thenComparingLong(ResponseStore.Group::schoolId)
            .thenComparingLong(ResponseStore.Group::versionId)
            .thenComparing(ResponseStore.Group::groupLabel, Comparator.nullsFirst(Comparator.naturalOrder()));

    /* Several groups in one transaction; if it fails, each alone, so one bad group cannot hold the others back. */
    private void publishTogether(List<ResponseStore.Group> groups) {
        if (groups.size() > 1) {
            try {
                jdbc.inTransaction(() -> {
                    groups.forEach(this::publish);
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                LOG.info("publishing {} groups together failed, publishing them one by one: {}", groups.size(), e.toString());
            }
        }
        for (ResponseStore.Group g : groups) {
            try {
                publish(g);
            } catch (RuntimeException e) {
                LOG.warn("publishing a group after its commit failed, left to the background step: {}", e.toString());
            }
        }
    }

    /**
     * Waits until every group offered before this call has been published (or tried: a failure is
     * left to the background step), at most {@code timeout}; true if it got there. For the paper
     * import, which reports what it published, and for tests that read right after submitting.
     */
    public boolean awaitPublished(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            long ticket = asked;
            while (settled < ticket) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(pending, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** k: a group is published in blocks of at least this many. */
    int minGroupSize() {
        return k;
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
        List<String> likertItems = LikertAnswers.items(questionnaires.byId(g.versionId()).orElseThrow().questionnaire());
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
                block.add(new ResponseStore.Published(h.day(), LikertAnswers.of(likertItems, answers), answers));
            }
            store.publish(g, publishedLabel, likertItems, block, !listeners.isEmpty());
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
