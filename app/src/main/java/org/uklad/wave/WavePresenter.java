package org.uklad.wave;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaire.QuestionnaireSummary;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.School;
import org.uklad.system.ReportFormats;
import org.uklad.system.SmallGroups;

/**
 * Builds the view models of the staff wave pages ({@link WavePages}) and the blocks of the
 * invitation sheets: times in the configured zone, the questionnaires and schools one may choose,
 * the codes of the schools the user edits grouped by class and questionnaire.
 */
@Singleton
class WavePresenter {

    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final StaffPageSupport pages;
    private final Waves waves;
    private final WaveMonitoring monitoring;
    private final SchoolScope scope;
    private final QuestionnaireRegistry questionnaires;
    private final InvitationSheets sheets;
    private final PublicUrl publicUrl;
    private final SmallGroups smallGroups;
    private final ZoneId zone;
    private final ReportFormats formats;

    WavePresenter(StaffPageSupport pages, Waves waves, WaveMonitoring monitoring, SchoolScope scope,
                  QuestionnaireRegistry questionnaires, InvitationSheets sheets, PublicUrl publicUrl,
                  SmallGroups smallGroups, ReportFormats formats) {
        this.pages = pages;
        this.waves = waves;
        this.monitoring = monitoring;
        this.scope = scope;
        this.questionnaires = questionnaires;
        this.sheets = sheets;
        this.publicUrl = publicUrl;
        this.smallGroups = smallGroups;
        this.zone = formats.zone();
        this.formats = formats;
    }

    ZoneId zone() {
        return zone;
    }

    /** A time as every staff page shows it, in the page's language ({@link ReportFormats}). */
    String shown(Instant t, Locale locale) {
        return formats.of(locale).dateTime(t);
    }

    /** A time as a {@code datetime-local} field holds it. */
    String input(Instant t) {
        return INPUT.format(t.atZone(zone));
    }

    WavePages.WaveRow row(Wave w, Locale locale) {
        return new WavePages.WaveRow(w.id(), w.name(), pages.text("wave.kind." + w.kind().name(), locale),
                pages.text("wave.state." + w.stateAt(Instant.now()).name(), locale), shown(w.opensAt(), locale),
                shown(w.closesAt(), locale));
    }

    /** The newest version of every questionnaire, as checkbox options. */
    private List<Option> latestQuestionnaires(String language, List<String> checked) {
        Map<String, QuestionnaireSummary> latest = new TreeMap<>();
        for (QuestionnaireSummary s : questionnaires.list()) {
            latest.merge(s.key(), s, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest.values().stream().map(s -> new Option(s.key(),
                ("en".equals(language) ? s.titleEn() : s.titleRu()) + " (" + s.key() + ", v" + s.version() + ")",
                checked.contains(s.key()))).toList();
    }

    WavePages.ListPage listPage(HttpRequest<?> request, Authentication auth, Map<String, String> form,
                                List<String> chosen, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        List<WavePages.WaveRow> rows = monitoring.visible(auth).stream().map(w -> row(w, locale)).toList();
        List<Option> kinds = Arrays.stream(WaveKind.values()).map(k -> new Option(k.name(),
                pages.text("wave.kind." + k.name(), locale), k.name().equals(form.get("kind")))).toList();
        return new WavePages.ListPage(pages.chrome(request, auth), rows, scope.mayManageWaves(auth), kinds,
                latestQuestionnaires(locale.getLanguage(), chosen), form, errors);
    }

    WavePages.DetailPage detailPage(HttpRequest<?> request, Authentication auth, Wave wave, Map<String, String> form,
                                    Map<String, String> errors, String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<LoadedQuestionnaire> used = waves.questionnaireVersionIds(wave.id()).stream()
                .map(v -> questionnaires.byId(v).orElseThrow()).toList();
        List<School> editable = scope.readableSchoolRecords(auth).stream().filter(s -> scope.canEdit(auth, s.id())).toList();
        boolean manage = scope.mayManageWaves(auth);
        List<Option> schoolOptions = editable.stream().map(s -> new Option(String.valueOf(s.id()),
                s.label(), String.valueOf(s.id()).equals(form.get("schoolId")))).toList();
        List<Option> questionnaireOptions = used.stream().map(q -> new Option(q.key(),
                q.questionnaire().title().in(lang), q.key().equals(form.get("questionnaire")))).toList();
        return new WavePages.DetailPage(pages.chrome(request, auth), row(wave, locale),
                used.stream().map(q -> q.questionnaire().title().in(lang)).toList(), manage,
                manage && monitoring.canReschedule(auth, wave.id()),
                form.getOrDefault("closesAt", input(wave.closesAt())), schoolOptions, questionnaireOptions, form, errors,
                notice, codes(request, wave, editable, used, lang), smallGroups.minGroupSize());
    }

    /** The codes of the schools the user edits, by school, then by group and questionnaire. */
    private List<WavePages.SchoolCodes> codes(HttpRequest<?> request, Wave wave, List<School> editable,
                                              List<LoadedQuestionnaire> used, String lang) {
        Map<Long, School> editableById = editable.stream().collect(Collectors.toMap(School::id, s -> s));
        Map<Long, LoadedQuestionnaire> byVersion = used.stream()
                .collect(Collectors.toMap(LoadedQuestionnaire::versionId, q -> q));
        Map<Long, Map<String, List<AccessCode>>> grouped = new TreeMap<>();
        for (AccessCode c : waves.codes(wave.id())) {
            if (!editableById.containsKey(c.schoolId())) {
                continue;
            }
            grouped.computeIfAbsent(c.schoolId(), k -> new TreeMap<>())
                    .computeIfAbsent(c.groupLabel() + "\u0000" + c.questionnaireVersionId(), k -> new ArrayList<>()).add(c);
        }
        List<WavePages.SchoolCodes> codes = new ArrayList<>();
        for (School s : editable) {
            Map<String, List<AccessCode>> groups = grouped.get(s.id());
            if (groups == null) {
                continue;
            }
            List<WavePages.CodeGroup> out = new ArrayList<>();
            for (List<AccessCode> list : groups.values()) {
                AccessCode first = list.getFirst();
                LoadedQuestionnaire q = byVersion.get(first.questionnaireVersionId());
                Integer expected = list.stream().map(AccessCode::expectedSize).filter(e -> e != null)
                        .max(Comparator.naturalOrder()).orElse(null);
                out.add(new WavePages.CodeGroup(first.groupLabel(), q == null ? "" : q.questionnaire().title().in(lang),
                        q == null ? "" : q.questionnaire().respondent().name(), expected == null ? "—" : expected.toString(),
                        list.stream().map(c -> new WavePages.CodeRow(c.code(), AccessCodeGenerator.display(c.code()),
                                publicUrl.link(request, c.code()), c.uses(), c.maxUses())).toList()));
            }
            codes.add(new WavePages.SchoolCodes(s.id(), s.name(), out));
        }
        return codes;
    }

    /** One invitation block per code of the school in the wave, in the page's language. */
    List<InvitationSheets.Block> invitations(HttpRequest<?> request, Wave wave, School school) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        Map<Long, LoadedQuestionnaire> byVersion = new LinkedHashMap<>();
        List<InvitationSheets.Block> blocks = new ArrayList<>();
        for (AccessCode c : waves.codes(wave.id()).stream().filter(c -> c.schoolId() == school.id()).toList()) {
            LoadedQuestionnaire q = byVersion.computeIfAbsent(c.questionnaireVersionId(),
                    v -> questionnaires.byId(v).orElseThrow());
            Respondent respondent = q.questionnaire().respondent();
            String usage = c.maxUses() == 1 ? pages.text("invitation.single", locale)
                    : pages.text("invitation.shared", locale, c.maxUses());
            blocks.add(new InvitationSheets.Block(pages.text("invitation.heading." + respondent.name(), locale),
                    school.name(), sheets.group(respondent, c.groupLabel(), locale),
                    q.questionnaire().title().in(lang) + " · " + wave.name(), c.code(), publicUrl.link(request, c.code()),
                    usage, questionnaires.sourceKeys().contains(q.key()) ? publicUrl.preview(request, q.key()) : null));
        }
        return blocks;
    }

    WavePages.MonitoringPage monitoringPage(HttpRequest<?> request, Authentication auth, Wave wave,
                                            WaveMonitoring.Monitoring m) {
        return new WavePages.MonitoringPage(pages.chrome(request, auth), row(wave, pages.locale(request)), m,
                DateTimeFormatter.ofPattern("HH:mm:ss").format(m.generatedAt().atZone(zone)));
    }
}
