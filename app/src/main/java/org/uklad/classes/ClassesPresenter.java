package org.uklad.classes;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uklad.account.StaffPages;
import org.uklad.indices.Text;
import org.uklad.school.School;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;

/** Builds {@link ClassesPage} from {@link ClassResults}. */
@Singleton
class ClassesPresenter {

    private final Messages messages;
    private final ReportFormats formats;

    ClassesPresenter(Messages messages, ReportFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    ClassesPage page(StaffPages.Chrome chrome, Wave wave, School school, ClassResults results, Locale locale) {
        ReportFormat f = formats.of(locale);
        boolean en = "en".equals(locale.getLanguage());
        String k = f.count(results.minGroupSize());
        List<ClassesPage.Block> blocks = new ArrayList<>();
        for (ClassResults.QuestionnaireClasses q : results.questionnaires()) {
            List<ClassesPage.Head> heads = q.classes().stream().map(c -> new ClassesPage.Head(label(c.label(), c.merged(), locale),
                    t("classes.responses", locale, f.count(c.responses())))).toList();
            List<ClassesPage.Line> lines = new ArrayList<>();
            if (!heads.isEmpty()) {
                for (ClassResults.ConstructClasses c : q.constructs()) {
                    lines.add(new ClassesPage.Line(local(c.title(), en), c.classes().stream().map(s -> cell(s, f, k, locale)).toList(),
                            c.icc1() == null ? "—" : f.coefficient(c.icc1())));
                }
            }
            blocks.add(new ClassesPage.Block(q.key(),
                    t("report.role." + q.respondent().name().toLowerCase(Locale.ROOT), locale) + " · " + local(q.title(), en),
                    heads.isEmpty() ? t("classes.none", locale, k) : "", heads, lines));
        }
        return new ClassesPage(chrome, wave.id(), school.id(), wave.name(), school.name(), t("classes.lead", locale, k), blocks);
    }

    private ClassesPage.Cell cell(ClassResults.ClassScore s, ReportFormat f, String k, Locale locale) {
        if (s.suppressed()) {
            return new ClassesPage.Cell(t("report.suppressed", locale, k), "", true);
        }
        String interval = s.ciLower() == null ? "" : t("classes.interval", locale, f.interval(s.ciLower(), s.ciUpper())) + " · ";
        return new ClassesPage.Cell(f.score(s.score()), interval + "n = " + f.count(s.n()), false);
    }

    String label(String label, boolean merged, Locale locale) {
        return merged ? t("classes.other", locale) : label;
    }

    private static String local(Text text, boolean en) {
        return en ? text.en() : text.ru();
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
