package org.uklad.risk;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.StaffPages;
import org.uklad.questionnaires.RiskFactor;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.Messages;
import org.uklad.wave.Wave;

/** Builds the coordinator's risk matrix page ({@link RiskMatrixPage}) from the wave's profiles. */
@Singleton
class RiskMatrixPresenter {

    private final RiskProfiles profiles;
    private final RiskPresenter risk;
    private final Schools schools;
    private final Messages messages;

    RiskMatrixPresenter(RiskProfiles profiles, RiskPresenter risk, Schools schools, Messages messages) {
        this.profiles = profiles;
        this.risk = risk;
        this.schools = schools;
        this.messages = messages;
    }

    /**
     * @param municipality the municipality to show, or blank for all
     * @param category     the category to show (its name), or blank for all
     */
    RiskMatrixPage page(StaffPages.Chrome chrome, Wave wave, String municipality, String category, Locale locale) {
        List<School> all = schools.all();
        List<Long> shown = all.stream()
                .filter(s -> municipality.isBlank() || s.municipality().equals(municipality))
                .filter(s -> category.isBlank() || s.category().name().equals(category))
                .map(School::id).toList();
        Map<Long, School> byId = new LinkedHashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        List<RiskFactor> measured = profiles.catalogue().factors().values().stream().filter(RiskFactor::measured).toList();
        List<RiskMatrixPage.Column> columns = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            columns.add(new RiskMatrixPage.Column(messages.get("risk.matrix.code", locale, i + 1),
                    RiskPresenter.local(new org.uklad.indices.Text(measured.get(i).name().ru(), measured.get(i).name().en()),
                            locale)));
        }
        List<RiskMatrixPage.Row> rows = new ArrayList<>();
        for (RiskProfile p : profiles.ofWave(wave.id(), shown)) {
            School s = byId.get(p.schoolId());
            String base = "/staff/waves/" + wave.id() + "/schools/" + s.id() + "/dashboard#risk-";
            List<RiskMatrixPage.Cell> cells = new ArrayList<>();
            for (RiskFactor f : measured) {
                RiskProfile.Factor factor = p.factor(f.id()).orElseThrow();
                cells.add(new RiskMatrixPage.Cell(RiskPresenter.css(factor.level()), RiskPresenter.symbol(factor.level()),
                        risk.word(factor.level(), locale), RiskPresenter.local(factor.name(), locale), base + f.id()));
            }
            rows.add(new RiskMatrixPage.Row(s.name(), s.municipality(),
                    messages.get("school.category." + s.category().name(), locale), cells));
        }
        List<StaffPages.Option> municipalities = new ArrayList<>();
        municipalities.add(new StaffPages.Option("", messages.get("risk.matrix.all", locale), municipality.isBlank()));
        schools.municipalities().forEach(m -> municipalities.add(new StaffPages.Option(m.name(), m.name(),
                m.name().equals(municipality))));
        List<StaffPages.Option> categories = new ArrayList<>();
        categories.add(new StaffPages.Option("", messages.get("risk.matrix.all", locale), category.isBlank()));
        for (SchoolCategory c : SchoolCategory.values()) {
            categories.add(new StaffPages.Option(c.name(), messages.get("school.category." + c.name(), locale),
                    c.name().equals(category)));
        }
        List<RiskSection.Unmeasured> unmeasured = profiles.catalogue().factors().values().stream()
                .filter(f -> !f.measured())
                .map(f -> new RiskSection.Unmeasured(f.id(), f.name().in(locale.getLanguage()), f.why().in(locale.getLanguage())))
                .toList();
        return new RiskMatrixPage(chrome, wave.id(), wave.name(),
                messages.get("risk.matrix.lead", locale, profiles.catalogue().version()), risk.legend(locale),
                municipalities, categories, columns, rows, rows.isEmpty() ? messages.get("risk.matrix.empty", locale) : null,
                unmeasured);
    }
}
