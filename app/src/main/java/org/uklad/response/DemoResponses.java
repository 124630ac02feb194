package org.uklad.response;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.wave.AccessCode;
import org.uklad.wave.DemoSeed;
import org.uklad.wave.Waves;

/**
 * Answers every access code of both demo waves through the ordinary submission, so that a first
 * start shows every view filled: dashboards, partner and earlier-wave comparisons, the problem
 * matrix, agreement and ICC, the coordinator's overview with family context, the PDFs and the
 * free-text answers.
 *
 * <p>Each school answers around its planned level, each construct a little above or below it (a
 * fixed offset per school and construct, so schools differ in what is low), each respondent
 * around the school (a personal offset, so a scale's items agree and its alpha is sound). A
 * supported school rises a little from the entry wave to the interim wave. Counts are whole
 * blocks of the minimum group size, so everything answered is published. Off outside the
 * {@code dev} environment, like the demo itself.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoResponses implements ApplicationEventListener<DemoSeed.Seeded> {

    /** Respondents per group code: pupils of a class, parents of a class, the teachers. */
    static final int PUPILS = 15;
    static final int PARENTS = 10;
    static final int TEACHERS = 15;
    /** How far respondents of a school differ from it, and an answer from the respondent (0–1 level, share of the scale). */
    static final double PERSON_SD = 0.2;
    static final double ANSWER_SD = 0.16;
    /** How much a supported school's answers rise between the waves (on the 0–1 level). */
    static final double SUPPORTED_GAIN = 0.07;

    private static final Logger LOG = LoggerFactory.getLogger(DemoResponses.class);
    private static final List<String> COMMENTS = List.of(
            "Хочется больше кружков после уроков", "Учителя объясняют понятно", "В столовой шумно",
            "Нужно больше времени на перемене", "Мне нравится наш класс", "Хотелось бы больше проектов");

    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final SubmissionService submissions;
    private final ResponseRelease release;

    DemoResponses(Waves waves, QuestionnaireRegistry questionnaires, SubmissionService submissions, ResponseRelease release) {
        this.release = release;
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.submissions = submissions;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        // drawn in one fixed order, so every demo has the same answers
        Random random = new Random(2026);
        List<Runnable> groups = new ArrayList<>();
        int answered = 0;
        for (long wave : List.of(event.entryWaveId(), event.interimWaveId())) {
            boolean later = wave == event.interimWaveId();
            // in a fixed order (a class's pupils and parents share its label), so every demo draws the same answers
            for (AccessCode code : waves.codes(wave).stream().sorted(Comparator.comparing(AccessCode::schoolId)
                    .thenComparing(AccessCode::groupLabel).thenComparing(AccessCode::questionnaireVersionId)).toList()) {
                DemoSeed.DemoSchool school = event.schools().stream().filter(s -> s.id() == code.schoolId()).findFirst().orElseThrow();
                double level = school.level() + (later && school.supported() ? SUPPORTED_GAIN : 0);
                Questionnaire q = questionnaires.byId(code.questionnaireVersionId()).orElseThrow().questionnaire();
                int respondents = switch (q.respondent()) {
                    case STUDENT -> PUPILS;
                    case PARENT -> PARENTS;
                    case TEACHER -> TEACHERS;
                };
                List<Map<String, Object>> group = new ArrayList<>();
                for (int i = 0; i < respondents; i++) {
                    group.add(answers(q, random, level + random.nextGaussian() * PERSON_SD,
                            construct -> offset(school.name(), construct)));
                }
                answered += group.size();
                groups.add(() -> submitInBlocks(submissions, release, code.code(), group));
            }
        }
        store(groups);
        LOG.info("Demo answers stored: {}", answered);
    }

    /**
     * A group's answers one after another, waiting for the publication after every k-th, so the
     * group is published in blocks of exactly k, as a class answering one by one would be, and
     * nothing of a group of a multiple of k is left held (the publisher takes every held answer it
     * finds, so answers sent on meanwhile would join the block and leave a remainder).
     */
    static void submitInBlocks(SubmissionService submissions, ResponseRelease release, String code,
                               List<Map<String, Object>> group) {
        for (int i = 0; i < group.size(); i++) {
            submissions.submit(code, UUID.randomUUID().toString(), group.get(i), false);
            if ((i + 1) % release.minGroupSize() == 0 && !release.awaitPublished(Duration.ofMinutes(1))) {
                LOG.warn("a demo group is not published yet; the background step will finish it");
            }
        }
    }

    /** Several groups at a time, each group's answers in blocks ({@link #submitInBlocks}). */
    static void store(List<Runnable> groups) {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = groups.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo answers interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a demo answer was refused", e.getCause());
        }
    }

    /** A school's fixed lean in one construct, from −0.12 to +0.12: the same in both waves. */
    static double offset(String school, String construct) {
        return new Random(31L * school.hashCode() + construct.hashCode()).nextDouble(-0.12, 0.12);
    }

    /**
     * Plausible answers of one respondent whose level is {@code own} (0 lowest to 1 highest),
     * leaning per construct by {@code lean}; a comment from some.
     */
    static Map<String, Object> answers(Questionnaire q, Random random, double own,
                                       ToDoubleFunction<String> lean) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Item item : q.items()) {
            if (item.showIf() != null && !item.showIf().anyOf().contains(String.valueOf(answers.get(item.showIf().item())))) {
                continue; // its condition does not hold: not asked
            }
            double at = clamp(own + (item.construct() == null ? 0 : lean.applyAsDouble(item.construct())));
            switch (item.type()) {
                case LIKERT -> {
                    ResponseScale scale = q.scaleOf(item);
                    // teachers picture their ideal school above the school as it is
                    double level = item.gapSide() == GapSide.IDEAL ? Math.min(1, at + 0.3) : at;
                    double centre = scale.min() + level * (scale.max() - scale.min());
                    if (item.reverse()) {
                        centre = scale.min() + scale.max() - centre;
                    }
                    long v = Math.round(centre + random.nextGaussian() * ANSWER_SD * (scale.max() - scale.min()));
                    answers.put(item.id(), (int) Math.max(scale.min(), Math.min(scale.max(), v)));
                }
                case NUMBER -> {
                    if (item.min() != null && item.max() != null) {
                        answers.put(item.id(), item.min() + random.nextInt(item.max() - item.min() + 1));
                    }
                }
                case SINGLE -> single(item, random, at).ifPresent(v -> answers.put(item.id(), v));
                case TEXT -> {
                    if (random.nextInt(3) == 0) {
                        answers.put(item.id(), COMMENTS.get(random.nextInt(COMMENTS.size())));
                    }
                }
                case MULTIPLE -> {
                    List<String> chosen = new ArrayList<>();
                    List<ChoiceOption> open = item.options().stream().filter(o -> !o.exclusive()).toList();
                    open.stream().filter(o -> random.nextDouble() < 0.35).forEach(o -> chosen.add(o.value()));
                    if (chosen.isEmpty() && !open.isEmpty()) {
                        chosen.add(open.get(random.nextInt(open.size())).value());
                    }
                    answers.put(item.id(), chosen);
                }
            }
        }
        return answers;
    }

    /**
     * A coded item (whole-number codes, rising with the family's resources) follows the level;
     * another picks its first options most often, the more so the higher the level (so "never
     * hurt" is commoner at a school that answers well); a few prefer not to say.
     */
    private static Optional<String> single(Item item, Random random, double level) {
        List<ChoiceOption> open = item.options().stream().filter(o -> !o.exclusive()).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        List<ChoiceOption> exclusive = item.options().stream().filter(ChoiceOption::exclusive).toList();
        if (!exclusive.isEmpty() && random.nextDouble() < 0.03) {
            return Optional.of(exclusive.getFirst().value());
        }
        if (open.stream().allMatch(o -> o.value().matches("\\d+"))) {
            double at = clamp(level + random.nextGaussian() * 0.25);
            return Optional.of(open.get((int) Math.round(at * (open.size() - 1))).value());
        }
        double ratio = Math.max(0.1, 0.85 - 0.8 * level);
        double pick = random.nextDouble() * (1 - Math.pow(ratio, open.size())) / (1 - ratio);
        double weight = 1;
        for (ChoiceOption o : open) {
            if (pick < weight) {
                return Optional.of(o.value());
            }
            pick -= weight;
            weight *= ratio;
        }
        return Optional.of(open.getLast().value());
    }

    private static double clamp(double level) {
        return Math.max(0, Math.min(1, level));
    }
}
