package org.uklad.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.system.SpreadsheetText;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * A questionnaire's responses as an Excel workbook, and back: LimeSurvey's export set for people
 * who work in Excel. Three sheets: the data (the CSV export's columns, numbers as numbers, the day
 * as a date), the same rows with answers as their labels, and the codebook. Written as a stream
 * (rows are flushed to disk in windows of 500), read back as a stream (SAX over the first sheet),
 * so a region's file stays in bounded memory.
 *
 * <p>Cells of an XLSX are never formulas unless written as such, so free text is stored as
 * typed, without the CSV's spreadsheet guard; {@link #dataAsCsv} adds the guard again, so the
 * paper import reads a workbook exactly as it reads the CSV it came from.
 */
public final class XlsxWorkbook {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    /** Columns that hold whole numbers in the export. */
    private static final List<String> NUMERIC_FIXED = List.of("wave_id", "school_id", "version");

    private XlsxWorkbook() {
    }

    /**
     * @param responsesCsv the CSV export of the questionnaire's responses
     * @param codebookCsv  the CSV codebook of the questionnaire
     */
    public static byte[] of(String responsesCsv, String codebookCsv, Questionnaire questionnaire, Locale locale) {
        String lang = locale.getLanguage();
        boolean en = "en".equals(lang);
        Map<String, Item> items = new HashMap<>();
        questionnaire.items().forEach(i -> items.put(i.id(), i));
        try (SXSSFWorkbook book = new SXSSFWorkbook(500);
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.setCompressTempFiles(true);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle day = book.createCellStyle();
            day.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet data = book.createSheet(en ? "data" : "данные");
            Sheet labels = book.createSheet(en ? "labels" : "подписи");
            try (CSVParser parser = CSVParser.parse(new StringReader(strip(responsesCsv)), CSVFormat.RFC4180)) {
                int r = 0;
                List<String> header = null;
                for (CSVRecord record : parser) {
                    Row dataRow = data.createRow(r);
                    Row labelRow = labels.createRow(r);
                    if (header == null) {
                        header = record.toList();
                        for (int c = 0; c < header.size(); c++) {
                            dataRow.createCell(c).setCellValue(header.get(c));
                            dataRow.getCell(c).setCellStyle(bold);
                            Item item = items.get(header.get(c));
                            labelRow.createCell(c).setCellValue(item == null ? header.get(c) : item.text().in(lang));
                            labelRow.getCell(c).setCellStyle(bold);
                        }
                    } else {
                        for (int c = 0; c < record.size() && c < header.size(); c++) {
                            String column = header.get(c);
                            String value = SpreadsheetText.unneutralise(record.get(c));
                            if (value.isEmpty()) {
                                continue;
                            }
                            Item item = items.get(column);
                            if (column.equals("submitted_on")) {
                                dataRow.createCell(c).setCellValue(LocalDate.parse(value));
                                dataRow.getCell(c).setCellStyle(day);
                                labelRow.createCell(c).setCellValue(LocalDate.parse(value));
                                labelRow.getCell(c).setCellStyle(day);
                            } else if (NUMERIC_FIXED.contains(column) || item != null
                                    && (item.type() == ItemType.LIKERT || item.type() == ItemType.NUMBER)) {
                                dataRow.createCell(c).setCellValue(Long.parseLong(value));
                                labelRow.createCell(c).setCellValue(item != null && item.type() == ItemType.LIKERT
                                        ? pointLabel(questionnaire, item, value, lang) : value);
                            } else {
                                dataRow.createCell(c).setCellValue(value);
                                labelRow.createCell(c).setCellValue(item == null ? value : optionLabels(item, value, lang));
                            }
                        }
                    }
                    r++;
                }
            }
            Sheet codebook = book.createSheet(en ? "codebook" : "кодификатор");
            try (CSVParser parser = CSVParser.parse(new StringReader(strip(codebookCsv)), CSVFormat.RFC4180)) {
                int r = 0;
                for (CSVRecord record : parser) {
                    Row row = codebook.createRow(r);
                    for (int c = 0; c < record.size(); c++) {
                        row.createCell(c).setCellValue(SpreadsheetText.unneutralise(record.get(c)));
                        if (r == 0) {
                            row.getCell(c).setCellStyle(bold);
                        }
                    }
                    r++;
                }
            }
            book.write(out);
            book.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first sheet of a workbook as CSV text in the export's layout, for the paper import:
     * whole numbers without a decimal point, dates as {@code YYYY-MM-DD}, text with the
     * spreadsheet guard, empty cells empty.
     *
     * @throws IllegalArgumentException when the bytes are not an XLSX workbook
     */
    public static String dataAsCsv(InputStream xlsx) {
        StringBuilder out = new StringBuilder();
        try (OPCPackage pkg = open(() -> OPCPackage.open(xlsx))) {
            firstSheetAsCsv(pkg, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable XLSX workbook", e);
        }
        return out.toString();
    }

    /**
     * The first sheet of a workbook file written as CSV into {@code out}, as {@link #dataAsCsv}
     * does, for a streamed import: POI reads the file through its zip index and the sheet with SAX,
     * so only the shared strings of the workbook are held in memory, never its rows.
     *
     * @throws IllegalArgumentException when the file is not an XLSX workbook
     */
    public static void dataAsCsv(java.io.File xlsx, Appendable out) {
        OPCPackage pkg = open(() -> OPCPackage.open(xlsx, org.apache.poi.openxml4j.opc.PackageAccess.READ));
        try {
            firstSheetAsCsv(pkg, out);
        } finally {
            pkg.revert(); // a read-only package is let go without saving
        }
    }

    private interface Opener {
        OPCPackage open() throws IOException, OpenXML4JException;
    }

    private static OPCPackage open(Opener opener) {
        try {
            return opener.open();
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable XLSX workbook", e);
        }
    }

    private static void firstSheetAsCsv(OPCPackage pkg, Appendable out) {
        try (CSVPrinter csv = new CSVPrinter(out, CSV)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new IllegalArgumentException("no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                Rows rows = new Rows(csv);
                XMLReader parser = SAXHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            // whatever POI makes of a damaged or foreign file (POIXMLException, a zip bomb, .xls) is the sender's
            throw new IllegalArgumentException("not a readable XLSX workbook", e);
        }
    }

    /** Collects a row's cells by column, so gaps (empty cells are absent in XLSX) become empty fields. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final CSVPrinter csv;
        private final List<String> cells = new ArrayList<>();
        private int width = -1;
        private int lastRow = -1;

        Rows(CSVPrinter csv) {
            this.csv = csv;
        }

        @Override
        public void startRow(int rowNum) {
            try {
                // a fully empty row in between is written empty too, so row numbers in errors match the sheet
                for (int r = lastRow + 1; r < rowNum && width > 0; r++) {
                    csv.printRecord(java.util.Collections.nCopies(width, ""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastRow = rowNum;
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (width < 0) {
                width = cells.size();
            }
            while (cells.size() < width) {
                cells.add("");
            }
            try {
                csv.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            String text = value == null ? "" : value;
            // whole numbers as the CSV writes them; "3.0" would be refused as "integer expected"
            if (text.matches("-?\\d+\\.0+")) {
                text = text.substring(0, text.indexOf('.'));
            }
            cells.add(SpreadsheetText.neutralise(text));
        }
    }

    /** Formats date cells as ISO dates whatever their display format. */
    private static final class IsoDates extends org.apache.poi.ss.usermodel.DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    private static String strip(String csv) {
        return csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    }

    private static String pointLabel(Questionnaire q, Item item, String value, String lang) {
        int v = Integer.parseInt(value);
        return q.scaleOf(item).points().stream().filter((ScalePoint p) -> p.value() == v).findFirst()
                .map(p -> p.label().in(lang)).orElse(value);
    }

    private static String optionLabels(Item item, String value, String lang) {
        if (item.type() != ItemType.SINGLE && item.type() != ItemType.MULTIPLE) {
            return value;
        }
        List<String> out = new ArrayList<>();
        for (String code : value.split(";", -1)) {
            out.add(item.options().stream().filter((ChoiceOption o) -> o.value().equals(code)).findFirst()
                    .map(o -> o.label().in(lang)).orElse(code));
        }
        return String.join("; ", out);
    }
}
