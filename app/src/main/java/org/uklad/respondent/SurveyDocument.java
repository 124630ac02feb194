package org.uklad.respondent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.LocalizedText;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.wave.AccessCodeGenerator;
import org.uklad.wave.SurveyAccess;
import org.uklad.wave.WaveKind;

/**
 * The questionnaire behind an access code, as the respondent API serves it: texts in both
 * languages, no construct keys or scoring (respondents need neither).
 */
@Serdeable
public record SurveyDocument(String code, String groupLabel, WaveInfo wave, QuestionnaireDoc questionnaire) {

    @Serdeable
    public record Text(String ru, String en) {
        static Text of(@Nullable LocalizedText t) {
            return t == null ? null : new Text(t.ru(), t.en());
        }
    }

    @Serdeable
    public record WaveInfo(String name, WaveKind kind, Instant closesAt) {}

    @Serdeable
    public record QuestionnaireDoc(String key, int version, Text title, @Nullable Text intro, @Nullable Integer minutes,
                                   List<SectionDoc> sections) {}

    @Serdeable
    public record SectionDoc(String id, @Nullable Text title, List<ItemDoc> items) {}

    @Serdeable
    public record ItemDoc(String id, String type, Text text, @Nullable Text help, boolean required,
                          @Nullable ScaleDoc scale, List<OptionDoc> options, @Nullable Integer min,
                          @Nullable Integer max, @Nullable Integer maxLength, @Nullable ShowIfDoc showIf,
                          @Nullable SupportDoc support) {}

    @Serdeable
    public record ScaleDoc(String id, String display, List<PointDoc> points) {}

    @Serdeable
    public record PointDoc(int value, Text label) {}

    @Serdeable
    public record OptionDoc(String value, Text label, boolean exclusive) {}

    @Serdeable
    public record ShowIfDoc(String item, List<String> anyOf) {}

    /** A message to show right after one of the answers in {@code anyOf} (nothing about it is sent back). */
    @Serdeable
    public record SupportDoc(List<String> anyOf, Text text) {}

    static SurveyDocument of(SurveyAccess access) {
        Questionnaire q = access.questionnaire().questionnaire();
        List<SectionDoc> sections = q.sections().stream()
                .map(s -> new SectionDoc(s.id(), Text.of(s.title()), s.items().stream().map(i -> item(q, i)).toList()))
                .toList();
        return new SurveyDocument(AccessCodeGenerator.display(access.code().code()), access.code().groupLabel(),
                new WaveInfo(access.wave().name(), access.wave().kind(), access.wave().closesAt()),
                new QuestionnaireDoc(q.key(), access.questionnaire().version(), Text.of(q.title()), Text.of(q.intro()),
                        q.minutes(), sections));
    }

    private static ItemDoc item(Questionnaire q, Item i) {
        ResponseScale scale = i.scale() == null ? null : q.scaleOf(i); // display as this item is drawn
        ScaleDoc scaleDoc = scale == null ? null : new ScaleDoc(scale.id(), scale.display(),
                scale.points().stream().map(p -> new PointDoc(p.value(), Text.of(p.label()))).toList());
        return new ItemDoc(i.id(), i.type().name().toLowerCase(java.util.Locale.ROOT), Text.of(i.text()), Text.of(i.help()),
                i.required(), scaleDoc,
                i.options().stream().map(o -> new OptionDoc(o.value(), Text.of(o.label()), o.exclusive())).toList(),
                i.min(), i.max(), i.maxLength(),
                i.showIf() == null ? null : new ShowIfDoc(i.showIf().item(), i.showIf().anyOf()),
                i.support() == null ? null : new SupportDoc(i.support().anyOf(), Text.of(i.support().text())));
    }
}
