package org.uklad.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact binary form of the non-negative integer counts that mergeable statistics keep (the
 * states of {@link org.uklad.analysis.scale.ScaleAccumulator} and
 * {@link org.uklad.analysis.compare.GapAccumulator}): an array is written as its length and the
 * number of its non-zero cells, then each as (gap to the previous non-zero index, value), all as unsigned
 * variable-length integers (7 bits a byte). Most cells of a school's tables are zero (a score
 * histogram has a cell for every possible score), so a state takes bytes, not kilobytes. The length
 * makes a state of another shape fail to read instead of being misread.
 */
public final class Counts {

    private Counts() {
    }

    /** Writes {@code counts} (every value ≥ 0). */
    public static void write(DataOutput out, long[] counts) throws IOException {
        int nonZero = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count");
            }
            if (c != 0) {
                nonZero++;
            }
        }
        writeVar(out, counts.length);
        writeVar(out, nonZero);
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                writeVar(out, i - last);
                writeVar(out, counts[i]);
                last = i;
            }
        }
    }

    /** Reads an array of {@code length} cells written by {@link #write}. */
    public static long[] read(DataInput in, int length) throws IOException {
        long written = readVar(in);
        if (written != length) {
            throw new IOException("an array of " + written + " counts where " + length + " belong");
        }
        long[] counts = new long[length];
        long nonZero = readVar(in);
        int index = -1;
        for (long c = 0; c < nonZero; c++) {
            index += (int) readVar(in);
            if (index < 0 || index >= length) {
                throw new IOException("count at " + index + " outside an array of " + length);
            }
            counts[index] = readVar(in);
        }
        return counts;
    }

    /** Writes {@code v ≥ 0} in 7-bit groups, low first. */
    public static void writeVar(DataOutput out, long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative value");
        }
        while (v >= 0x80) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Reads a value written by {@link #writeVar}. */
    public static long readVar(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw new IOException("variable-length integer too long");
    }

    /** Something written to and read from bytes. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutput out) throws IOException;
    }

    /** Something read from bytes. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /** The bytes {@code writer} writes. */
    public static byte[] toBytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What {@code reader} reads from {@code bytes}, which it must read to the end. */
    public static <T> T fromBytes(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("state of another shape: " + in.available() + " bytes left over");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable state", e);
        }
    }
}
