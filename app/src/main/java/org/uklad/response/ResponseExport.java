package org.uklad.response;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.system.SmallGroups;

import org.uklad.system.SpreadsheetText;
import static org.uklad.system.SpreadsheetText.neutralise;

/**
 * Responses out as CSV for R, SPSS and Excel: one row per response, one column per item (item
 * ids as headers), UTF-8 with a byte-order mark so Excel reads Cyrillic, CRLF line ends.
 * Multiple-choice answers are option codes joined by {@code ;}. Free text and group labels pass
 * {@link SpreadsheetText#neutralise}. {@link PaperImport} reads the same layout back.
 */
@Singleton
public class ResponseExport {

    static final List<String> FIXED = List.of("wave_id", "school_id", "questionnaire", "version", "group_label", "submitted_on");
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final PublishedResponseStore store;
    private final SmallGroups smallGroups;

    ResponseExport(PublishedResponseStore store, SmallGroups smallGroups) {
        this.store = store;
        this.smallGroups = smallGroups;
    }

    /**
     * Writes the responses of one questionnaire version of a wave (optionally one school). Each
     * school's groups pass {@link SmallGroups}: a group with fewer than k responses in this export
     * is written as {@value SmallGroups#OTHER_GROUPS}.
     */
    public String exportResponses(long waveId, LoadedQuestionnaire q, @Nullable Long schoolId) {
        List<Item> items = q.questionnaire().items();
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            List<String> header = new ArrayList<>(FIXED);
            items.forEach(i -> header.add(i.id()));
            csv.printRecord(header);
            // one school's rows are held until its groups are known, then written merged
            Map<String, List<ExportedRow>> groups = new LinkedHashMap<>();
            ExportedRow[] current = new ExportedRow[1];
            store.exportStream(waveId, q.versionId(), schoolId, a -> {
                ExportedRow row = current[0];
                if (row == null || !a.responseId().equals(row.id())) {
                    if (row != null && a.schoolId() != row.schoolId()) {
                        print(csv, waveId, q, groups);
                        groups.clear();
                    }
                    row = new ExportedRow(a.responseId(), a.schoolId(), a.day(), new LinkedHashMap<>());
                    current[0] = row;
                    groups.computeIfAbsent(a.groupLabel(), g -> new ArrayList<>()).add(row);
                }
                if (a.answer() != null) {
                    row.cells().put(a.answer().itemId(), cell(a.answer()));
                }
            });
            print(csv, waveId, q, groups);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One response of the export, with its answers by item id. */
    private record ExportedRow(String id, long schoolId, LocalDate day, Map<String, String> cells) {}

    /** Writes one school's responses, groups merged by the small-group rule; response ids order the merged rows. */
    private void print(CSVPrinter csv, long waveId, LoadedQuestionnaire q, Map<String, List<ExportedRow>> groups) {
        try {
            for (Map.Entry<String, List<ExportedRow>> group : smallGroups.merge(groups, Comparator.comparing(ExportedRow::id)).entrySet()) {
                for (ExportedRow r : group.getValue()) {
                    List<String> row = new ArrayList<>(List.of(String.valueOf(waveId), String.valueOf(r.schoolId()), q.key(),
                            String.valueOf(q.version()), neutralise(group.getKey()), r.day().toString()));
                    q.questionnaire().items().forEach(i -> row.add(r.cells().getOrDefault(i.id(), "")));
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(StoredAnswer a) {
        if (a.intValue() != null) {
            return String.valueOf(a.intValue());
        }
        if (a.textValue() != null) {
            return neutralise(a.textValue());
        }
        return String.join(";", a.choices());
    }

    /** The codebook: what each column means, for reading the export in R or SPSS. */
    public String exportCodebook(LoadedQuestionnaire loaded) {
        Questionnaire q = loaded.questionnaire();
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord("item_id", "type", "text_ru", "text_en", "construct", "reverse", "scale", "values", "required", "show_if");
            for (Item i : q.items()) {
                String values = switch (i.type()) {
                    case LIKERT -> {
                        ResponseScale s = q.scaleOf(i);
                        yield String.join("; ", s.points().stream().map(p -> p.value() + "=" + p.label().ru() + " / " + p.label().en()).toList());
                    }
                    case SINGLE, MULTIPLE -> String.join("; ", i.options().stream()
                            .map((ChoiceOption o) -> o.value() + "=" + o.label().ru() + " / " + o.label().en()).toList());
                    case NUMBER -> i.min() + ".." + i.max();
                    case TEXT -> "max " + i.maxLength() + " characters";
                };
                csv.printRecord(i.id(), i.type().name().toLowerCase(java.util.Locale.ROOT), neutralise(i.text().ru()),
                        neutralise(i.text().en()), i.construct() == null ? "" : i.construct(), i.reverse() ? "1" : "0",
                        i.scale() == null ? "" : i.scale(), neutralise(values), i.required() ? "1" : "0",
                        i.showIf() == null ? "" : i.showIf().item() + " in " + String.join(";", i.showIf().anyOf()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
