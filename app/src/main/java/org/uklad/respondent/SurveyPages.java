package org.uklad.respondent;

import org.uklad.system.FieldCode;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.LocalizedText;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.system.FieldError;
import org.uklad.wave.AccessCodeGenerator;
import org.uklad.wave.SurveyAccess;

/** The view models of the respondent pages, one record per page. */
public final class SurveyPages {

    private SurveyPages() {
    }

    /** The start page: type the code from the invitation; {@code kiosk} ticks the classroom mode. */
    @Introspected
    public record HomePage(String lang, String otherLang, String code, @Nullable String error,
                           List<org.uklad.wave.DemoSeed.DemoLink> demoLinks, boolean kiosk) {}

    /**
     * The questionnaire form, possibly re-shown with the respondent's answers and the errors in them;
     * {@code kiosk} is the classroom mode of a shared computer, where nothing is kept on the device.
     */
    @Introspected
    public record SurveyPage(String lang, String otherLang, String code, String displayCode, String key, String title,
                             @Nullable String intro, @Nullable Integer minutes, String groupLabel,
                             String idempotencyKey, List<SectionView> sections, int itemCount,
                             List<String> errorSummary, boolean kiosk, String address, FormSteps.Steps steps,
                             boolean anyRequired, boolean readAloud) {}

    /** A section of the form; in a paged form one step, shown when {@code current}. */
    public record SectionView(@Nullable String title, int step, boolean current, List<FormSteps.Block> blocks) {}

    /**
     * One question. {@code help} is null when the block's stem says it once for all its rows
     * ({@code stemId} names that stem, so a screen reader hears it with each row).
     */
    public record ItemView(String id, String field, String type, String text, @Nullable String help,
                           boolean required, String display, List<OptionView> options, @Nullable Integer min,
                           @Nullable Integer max, @Nullable Integer maxLength, String value,
                           @Nullable String error, @Nullable String showIfItem, @Nullable String showIfValues,
                           @Nullable String support, @Nullable String supportAnyOf, @Nullable String stemId) {}

    public record OptionView(String inputId, String value, String label, boolean checked, boolean exclusive,
                             String face) {}

    /**
     * Thank-you page after a stored submission; {@code nextRespondent} opens a clean form of the same
     * code, where the classroom mode returns by itself after {@code returnSeconds}.
     */
    @Introspected
    public record DonePage(String lang, String otherLang, String code, String nextRespondent, boolean kiosk,
                           int returnSeconds, String address) {}

    /** The suffix of the message keys that speak to a child («ты»), e.g. {@code survey.restored.ty}. */
    static final String INFORMAL = "ty";
    /** The suffix of the message keys that speak to an adult («вы»); also for a page whose respondent is unknown. */
    static final String FORMAL = "vy";

    /**
     * How the page's own messages address the respondent: pupils as «ты», parents and teachers as «вы»
     * (Russian only; the English texts of both variants are the same).
     */
    static String address(Respondent respondent) {
        return respondent == Respondent.STUDENT ? INFORMAL : FORMAL;
    }

    /** The field errors a respondent can meet on the page that tell them to do something («Ответь…»). */
    private static final java.util.Set<String> IMPERATIVE_ERRORS =
            java.util.Set.of(FieldCode.REQUIRED.code(), FieldCode.NOT_ON_SCALE.code(), FieldCode.NOT_AN_OPTION.code(),
                    FieldCode.OUT_OF_RANGE.code());

    /** The message key of a field error on the page: pupils are told «ответь»; the others read the API's text. */
    static String errorKey(String code, String address) {
        return INFORMAL.equals(address) && IMPERATIVE_ERRORS.contains(code) ? "survey.field." + code + "." + INFORMAL
                : "field." + code;
    }

    /** The query parameter and form field of the classroom mode. */
    static final String KIOSK = "kiosk";

    /** The classroom mode is on for {@code ?kiosk=1} (also the value of the form field and the checkbox). */
    static boolean kiosk(@Nullable String flag) {
        return "1".equals(flag);
    }

    /** A respondent page's path, in the classroom mode when asked, so the mode travels without JavaScript. */
    static String inMode(String path, boolean kiosk) {
        return kiosk ? path + "?" + KIOSK + "=1" : path;
    }

    static String field(String itemId) {
        return "a." + itemId;
    }

    /**
     * Builds the form at {@code step} (1-based; clamped, and ignored by a form short enough for one
     * page). {@code entered} holds what the respondent sent (form values) when the page is shown again
     * after errors or after a step; {@code errors} maps item ids to already localized messages.
     */
    static SurveyPage form(SurveyAccess access, String lang, String idempotencyKey, Map<String, List<String>> entered,
                           Map<String, String> errors, List<String> summary, boolean kiosk, int step) {
        Questionnaire q = access.questionnaire().questionnaire();
        FormSteps.Steps steps = FormSteps.steps(q, step);
        List<SectionView> sections = new ArrayList<>();
        int count = 0;
        for (int s = 0; s < q.sections().size(); s++) {
            var section = q.sections().get(s);
            int sectionStep = steps.paged() ? s + 1 : 1;
            List<FormSteps.Block> blocks = FormSteps.blocks(q, section, lang, (item, stemId) -> item(q, item, lang,
                    entered.getOrDefault(item.id(), List.of()), errors.get(item.id()), stemId));
            count += section.items().size();
            sections.add(new SectionView(text(section.title(), lang), sectionStep, sectionStep == steps.current(), blocks));
        }
        boolean anyRequired = q.items().stream().anyMatch(Item::required);
        return new SurveyPage(lang, other(lang), access.code().code(), AccessCodeGenerator.display(access.code().code()),
                q.key(), q.title().in(lang), text(q.intro(), lang), q.minutes(), access.code().groupLabel(), idempotencyKey,
                sections, count, summary, kiosk, address(q.respondent()), steps, anyRequired, FormSteps.readAloud(q));
    }

    private static ItemView item(Questionnaire q, Item item, String lang, List<String> entered, String error,
                                 @Nullable String stemId) {
        List<OptionView> options = new ArrayList<>();
        String display = "buttons";
        switch (item.type()) {
            case LIKERT -> {
                ResponseScale scale = q.scaleOf(item);
                display = scale.display() == null ? "buttons" : scale.display();
                List<ScalePoint> points = scale.points();
                for (int i = 0; i < points.size(); i++) {
                    String value = String.valueOf(points.get(i).value());
                    options.add(new OptionView(field(item.id()) + "." + value, value, points.get(i).label().in(lang),
                            entered.contains(value), false, face(i, points.size())));
                }
            }
            case SINGLE, MULTIPLE -> item.options().forEach(o -> options.add(new OptionView(
                    field(item.id()) + "." + o.value(), o.value(), o.label().in(lang), entered.contains(o.value()),
                    o.exclusive(), "")));
            default -> {
                // number and text items have no options
            }
        }
        return new ItemView(item.id(), field(item.id()), item.type().name().toLowerCase(java.util.Locale.ROOT),
                item.text().in(lang), stemId == null ? text(item.help(), lang) : null, item.required(), display, options, item.min(),
                item.max(), item.maxLength(), entered.isEmpty() ? "" : entered.getFirst(), error,
                item.showIf() == null ? null : item.showIf().item(),
                item.showIf() == null ? null : String.join(" ", item.showIf().anyOf()),
                item.support() == null ? null : item.support().text().in(lang),
                item.support() == null ? null : String.join(" ", item.support().anyOf()), stemId);
    }

    /** Sad for the low end of a faces scale, happy for the high end, neutral in the middle. */
    static String face(int index, int size) {
        int twice = 2 * index;
        if (twice < size - 1) {
            return "sad";
        }
        return twice == size - 1 ? "neutral" : "happy";
    }

    static String other(String lang) {
        return "en".equals(lang) ? "ru" : "en";
    }

    static String text(@Nullable LocalizedText t, String lang) {
        return t == null ? null : t.in(lang);
    }

    static Map<String, String> byItem(List<FieldError> errors, java.util.function.Function<FieldError, String> message) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (FieldError e : errors) {
            out.putIfAbsent(e.field(), message.apply(e));
        }
        return out;
    }
}
