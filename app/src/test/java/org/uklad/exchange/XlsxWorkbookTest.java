package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.system.SpreadsheetText;

/**
 * The workbook holds the export's data with numbers as numbers and the day as a date, the same rows
 * as labels and the codebook, and reads back to exactly the CSV it was made from (what the paper
 * import then reads). Apache POI's own reader checks what Excel would show.
 */
class XlsxWorkbookTest {

    static String csv(Questionnaire q) throws IOException {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            List<String> header = new ArrayList<>(List.of("wave_id", "school_id", "questionnaire", "version", "group_label", "submitted_on"));
            q.items().forEach(i -> header.add(i.id()));
            p.printRecord(header);
            for (int row = 0; row < 3; row++) {
                List<String> r = new ArrayList<>(List.of("7", "3", q.key(), "2", row == 0 ? SpreadsheetText.neutralise("-7Б") : "5А",
                        "2026-11-0" + (row + 1)));
                for (Item i : q.items()) {
                    r.add(row == 2 ? "" : switch (i.type()) {
                        case LIKERT -> String.valueOf(row == 0 ? q.scaleOf(i).max() : q.scaleOf(i).min());
                        case NUMBER -> String.valueOf(i.max());
                        case SINGLE -> i.options().get(row).value();
                        case MULTIPLE -> String.join(";", i.options().stream().limit(2).map(ChoiceOption::value).toList());
                        case TEXT -> SpreadsheetText.neutralise(row == 0 ? "=1+1, \"кавычки\"\nвторая строка" : "просто текст");
                    });
                }
                p.printRecord(r);
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parents", "teachers", "students-5-11", "students-2-4", "example"})
    void aWorkbookReadsBackToTheCsvItWasMadeFrom(String key) throws IOException {
        Questionnaire q = Instruments.bundledQuestionnaire(key);
        String csv = csv(q);
        byte[] xlsx = XlsxWorkbook.of(csv, "item_id,type\r\nx,likert\r\n", q, Locale.of("ru"));
        assertThat(XlsxWorkbook.dataAsCsv(new ByteArrayInputStream(xlsx))).isEqualTo(csv.substring(1));
    }

    @Test
    void numbersAreNumbersTheDayIsADateAndAnswersHaveTheirLabels() throws IOException {
        Questionnaire q = Instruments.bundledQuestionnaire("parents");
        byte[] xlsx = XlsxWorkbook.of(csv(q), "item_id,type\r\n'=x,likert\r\n", q, Locale.ENGLISH);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("data");
            XSSFSheet data = book.getSheet("data");
            XSSFSheet labels = book.getSheet("labels");
            assertThat(book.getSheet("codebook").getRow(1).getCell(0).getStringCellValue()).isEqualTo("=x");
            Item likert = q.items().stream().filter(i -> i.type() == org.uklad.questionnaires.ItemType.LIKERT).findFirst().orElseThrow();
            int col = 6 + q.items().indexOf(likert);
            assertThat(data.getRow(1).getCell(col).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(data.getRow(1).getCell(col).getNumericCellValue()).isEqualTo(q.scaleOf(likert).max());
            assertThat(labels.getRow(0).getCell(col).getStringCellValue()).isEqualTo(likert.text().en());
            assertThat(labels.getRow(1).getCell(col).getStringCellValue()).isEqualTo(q.scaleOf(likert).points().getLast().label().en());
            assertThat(data.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(7);
            assertThat(DateUtil.isCellDateFormatted(data.getRow(1).getCell(5))).isTrue();
            assertThat(data.getRow(1).getCell(5).getLocalDateTimeCellValue().toLocalDate()).hasToString("2026-11-01");
            // free text is stored as typed: no guard apostrophe in a cell that is never a formula
            Item text = q.items().stream().filter(i -> i.type() == org.uklad.questionnaires.ItemType.TEXT).findFirst().orElseThrow();
            assertThat(data.getRow(1).getCell(6 + q.items().indexOf(text)).getStringCellValue()).startsWith("=1+1");
            assertThat(data.getRow(1).getCell(4).getStringCellValue()).isEqualTo("-7Б");
            assertThat(data.getRow(3).getCell(col)).as("an unanswered question is an empty cell").isNull();
        }
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> XlsxWorkbook.dataAsCsv(new ByteArrayInputStream("a,b\r\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
