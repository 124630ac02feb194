package org.uklad.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP of a batch, built in memory one school at a time: each summary under its file name, and
 * {@code contents.txt} listing every school in order, a failed one as {@code FAILED}, so whoever
 * opens the ZIP sees which summary is missing. Not reused.
 */
final class SummaryZip {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
    private final ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8);
    private final StringBuilder contents = new StringBuilder();

    /** Adds a school's summary as {@code fileName}. */
    void add(String fileName, String schoolName, byte[] pdf) throws IOException {
        zip.putNextEntry(new ZipEntry(fileName));
        zip.write(pdf);
        zip.closeEntry();
        contents.append(fileName).append('\t').append(schoolName).append('\n');
    }

    /** Names a school whose summary could not be made. */
    void failed(String schoolName) {
        contents.append("FAILED").append('\t').append(schoolName).append('\n');
    }

    /** Writes {@code contents.txt}, closes the archive and returns its bytes. */
    byte[] finish() throws IOException {
        try (zip) {
            zip.putNextEntry(new ZipEntry("contents.txt"));
            zip.write(contents.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
