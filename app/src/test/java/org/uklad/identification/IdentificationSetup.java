package org.uklad.identification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Test data for identification: municipalities of ten schools each with three years of external
 * scores (school k's mean rises with k, so school 1 is last, schools 8–10 the top quarter) and five
 * parents each answering the context items in one wave (school 1 the fewest resources, schools 2 and
 * 3 the next: ШРССУ). Registry categories: schools 8–10 ШУВРО, the others OTHER. Proposals:
 * 1 ШНРО, 2 and 3 ШРССУ, 8–10 ШУВРО, 4–7 OTHER; school 4 lacks a subject in the latest year. The
 * ШУВРО schools' context indices: 10 0.667, 8 0.75, 9 1.0 (school 1: 1/3).
 */
final class IdentificationSetup {

    /** Per school 1..10: education, books, employment codes of each of its five families. */
    static final int[][] CONTEXT = {
            {2, 2, 2}, {2, 3, 2}, {3, 2, 2}, {4, 4, 3}, {4, 4, 3}, {4, 4, 3}, {4, 4, 3}, {4, 3, 3}, {5, 5, 3}, {3, 3, 3}};

    private IdentificationSetup() {
    }

    /** @return school ids 1..10 (index 0 = school 1) for each municipality */
    static List<List<Long>> create(Http http, Fixture fixture, Database db, Questionnaire parents, List<String> municipalities) {
        long wave = fixture.openWave("parents");
        List<List<Long>> out = new ArrayList<>();
        Random random = new Random(20);
        for (String m : municipalities) {
            List<Long> ids = new ArrayList<>();
            for (int k = 1; k <= 10; k++) {
                long id = Long.parseLong(db.string("INSERT INTO school (name, municipality, category) VALUES (?, ?, ?) RETURNING id::text",
                        "Школа " + k, m, k >= 8 ? "SHUVRO" : "OTHER"));
                ids.add(id);
                for (int year = 2023; year <= 2025; year++) {
                    db.execute("INSERT INTO external_score (school_id, year, assessment, subject, mean_score, participants, "
                            + "below_pass_share) VALUES (?, ?, 'ОГЭ', 'Математика', ?, 20, ?)", id, year, 2.5 + 0.2 * k, 0.5 - 0.04 * k);
                    if (!(k == 4 && year == 2025)) {
                        db.execute("INSERT INTO external_score (school_id, year, assessment, subject, mean_score, participants) "
                                + "VALUES (?, ?, 'ОГЭ', 'Русский язык', ?, 20)", id, year, 2.6 + 0.2 * k);
                    }
                }
                String code = fixture.codes(wave, id, "parents", "7А", 1, 100).getFirst();
                for (int f = 0; f < 5; f++) {
                    Map<String, Object> a = new LinkedHashMap<>(SyntheticAnswers.answers(parents, random, 0.6));
                    a.put("ctx_education", String.valueOf(CONTEXT[k - 1][0]));
                    a.put("ctx_books", String.valueOf(CONTEXT[k - 1][1]));
                    a.put("ctx_employment", String.valueOf(CONTEXT[k - 1][2]));
                    SyntheticAnswers.submit(http, code, a);
                }
            }
            out.add(ids);
        }
        return out;
    }
}
