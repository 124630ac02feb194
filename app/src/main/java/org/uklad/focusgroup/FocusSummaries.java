package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.uklad.account.SchoolScope;
import org.uklad.focusgroup.Focus.Excerpt;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.WaveIndices;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The summary of the focus groups of one school in one wave, and their triangulation with the
 * survey indices. Readable by everyone who may read the school (directors included): it holds
 * counts, the most frequent tags, the quotes the psychologist marked as representative and poll
 * distributions, never the notes or the other excerpts.
 *
 * <p><b>Triangulation rule.</b> For each audience and construct with coded excerpts:
 * <ul>
 *   <li>sentiment balance = (positive − negative) / coded excerpts of the construct (mixed count in
 *       the denominator only), from −1 to +1;</li>
 *   <li>survey index = the school's 0–100 score of the construct from the questionnaires answered
 *       by the same audience in the same wave ({@link IndicesService}); when several questionnaires
 *       of that audience measure it (e.g. two student forms) their scores are averaged weighted by
 *       the number of scored respondents; a suppressed figure (fewer respondents than the anonymity
 *       threshold) or none gives "no survey figure";</li>
 *   <li>they <b>disagree</b> when balance ≤ −{@value #BALANCE_THRESHOLD} while the score ≥
 *       {@value #HIGH_SCORE}, or balance ≥ +{@value #BALANCE_THRESHOLD} while the score ≤
 *       {@value #LOW_SCORE}; otherwise they agree (or cannot be compared without a survey figure).</li>
 * </ul>
 */
@Singleton
public class FocusSummaries {

    public static final double BALANCE_THRESHOLD = 0.2;
    public static final double HIGH_SCORE = 60;
    public static final double LOW_SCORE = 40;
    static final int TOP_TAGS = 10;

    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls polls;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final IndicesService indices;

    FocusSummaries(FocusSessions sessions, FocusCoding coding, FocusPolls polls, SchoolScope scope, Schools schools,
                   Waves waves, IndicesService indices) {
        this.sessions = sessions;
        this.coding = coding;
        this.polls = polls;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.indices = indices;
    }

    /** Excerpts of one code by sentiment. */
    @Serdeable
    public record CodeCount(String code, String label, int positive, int negative, int mixed) {
        public int total() {
            return positive + negative + mixed;
        }

        public double balance() {
            return total() == 0 ? 0 : (positive - negative) / (double) total();
        }
    }

    @Serdeable
    public record TagCount(String tag, int count) {}

    @Serdeable
    public record Quote(String text, String code, String label, Sentiment sentiment, Respondent audience) {}

    @Serdeable
    public record PollRow(String theme, String label, String question, Respondent audience, List<Integer> counts,
                          int total, @Nullable Double mean) {}

    /** The verdict of one triangulation row. */
    public enum Agreement { AGREE, DISAGREE, NO_SURVEY }

    @Serdeable
    public record Triangulation(Respondent audience, String construct, String label, int excerpts, double balance,
                                @Nullable Double surveyScore, Agreement agreement) {
        public boolean flagged() {
            return agreement == Agreement.DISAGREE;
        }
    }

    @Serdeable
    public record SessionCount(Respondent audience, int sessions, int participants) {}

    @Serdeable
    public record Summary(long schoolId, String schoolName, long waveId, String waveName, List<SessionCount> sessions,
                          int excerpts, List<CodeCount> byCode, List<TagCount> topTags, List<Quote> quotes,
                          List<PollRow> polls, List<Triangulation> triangulation) {}

    /** The rule of {@link FocusSummaries}, applied to one balance and one survey score (or none). */
    public static Agreement judge(double balance, @Nullable Double score) {
        if (score == null) {
            return Agreement.NO_SURVEY;
        }
        if ((balance <= -BALANCE_THRESHOLD && score >= HIGH_SCORE) || (balance >= BALANCE_THRESHOLD && score <= LOW_SCORE)) {
            return Agreement.DISAGREE;
        }
        return Agreement.AGREE;
    }

    public Summary summary(Authentication auth, long schoolId, long waveId, String lang) {
        var school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        scope.requireRead(auth, schoolId);
        var wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return summary(school, wave, lang, () -> indices.compute(waveId, schoolId));
    }

    /**
     * The same summary without an access check, from the wave's indices already computed (the
     * school summary PDF has them, and checks who may download it itself).
     */
    public Summary summary(School school, Wave wave, String lang, WaveIndices computed) {
        return summary(school, wave, lang, () -> computed);
    }

    private Summary summary(School school, Wave wave, String lang, Supplier<WaveIndices> survey) {
        long schoolId = school.id();
        long waveId = wave.id();
        Map<String, String> labels = coding.codeLabels(lang);
        List<Session> held = sessions.sessionsOf(schoolId, waveId);
        List<Long> ids = held.stream().map(Session::id).toList();
        Map<Long, Respondent> audienceOf = new HashMap<>();
        Map<Respondent, int[]> perAudience = new EnumMap<>(Respondent.class);
        for (Session s : held) {
            audienceOf.put(s.id(), s.audience());
            int[] c = perAudience.computeIfAbsent(s.audience(), k -> new int[2]);
            c[0]++;
            c[1] += s.participantTotal();
        }
        List<SessionCount> sessionCounts = perAudience.entrySet().stream()
                .map(e -> new SessionCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        List<Excerpt> excerpts = coding.excerptsOf(ids);

        Map<String, int[]> byCode = new LinkedHashMap<>();
        labels.keySet().forEach(k -> byCode.put(k, null));
        Map<String, int[]> byAudienceCode = new LinkedHashMap<>();
        Map<String, Integer> tags = new HashMap<>();
        List<Quote> quotes = new ArrayList<>();
        for (Excerpt e : excerpts) {
            int[] c = byCode.get(e.code());
            if (c == null) {
                c = new int[3];
                byCode.put(e.code(), c);
            }
            c[e.sentiment().ordinal()]++;
            Respondent audience = audienceOf.get(e.sessionId());
            byAudienceCode.computeIfAbsent(audience.name() + "/" + e.code(), k -> new int[3])[e.sentiment().ordinal()]++;
            for (String t : e.tags()) {
                tags.merge(t, 1, Integer::sum);
            }
            if (e.representative()) {
                quotes.add(new Quote(e.text(), e.code(), labels.getOrDefault(e.code(), e.code()), e.sentiment(), audience));
            }
        }
        List<CodeCount> codeCounts = new ArrayList<>();
        byCode.forEach((code, c) -> {
            if (c != null) {
                codeCounts.add(new CodeCount(code, labels.getOrDefault(code, code), c[0], c[1], c[2]));
            }
        });
        List<TagCount> topTags = tags.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_TAGS).map(e -> new TagCount(e.getKey(), e.getValue())).toList();
        List<PollRow> pollRows = polls.pollsOf(ids).stream().map(p -> new PollRow(p.theme(),
                labels.getOrDefault(p.theme(), p.theme()), p.question(), audienceOf.get(p.sessionId()), p.counts(),
                p.total(), p.mean())).toList();

        List<Triangulation> triangulation = new ArrayList<>();
        if (!byAudienceCode.isEmpty()) {
            WaveIndices wi = survey.get();
            for (Map.Entry<String, int[]> e : byAudienceCode.entrySet()) {
                String[] key = e.getKey().split("/", 2);
                Respondent audience = Respondent.valueOf(key[0]);
                String code = key[1];
                int[] c = e.getValue();
                int total = c[0] + c[1] + c[2];
                double balance = (c[0] - c[1]) / (double) total;
                Double score = surveyScore(wi, schoolId, audience, code);
                triangulation.add(new Triangulation(audience, code, labels.getOrDefault(code, code), total, balance, score,
                        judge(balance, score)));
            }
            triangulation.sort(Comparator.comparing(Triangulation::audience));
        }
        return new Summary(schoolId, school.name(), waveId, wave.name(), sessionCounts, excerpts.size(), codeCounts,
                topTags, quotes, pollRows, triangulation);
    }

    /** The school's 0–100 score of a construct among one audience, or null (none, or suppressed). */
    static @Nullable Double surveyScore(WaveIndices wi, long schoolId, Respondent audience, String construct) {
        double sum = 0;
        long n = 0;
        for (QuestionnaireIndices q : wi.questionnaires()) {
            if (q.respondent() != audience) {
                continue;
            }
            for (ConstructIndex k : q.constructs()) {
                if (!k.construct().equals(construct) || k.indexKind() == IndexKind.GAP) {
                    continue;
                }
                SchoolIndex s = k.entryOf(schoolId);
                if (s.suppressed() || s.score100() == null || s.score100().mean() == null || s.n() == null) {
                    continue;
                }
                sum += s.score100().mean() * s.n();
                n += s.n();
            }
        }
        return n == 0 ? null : sum / n;
    }
}
