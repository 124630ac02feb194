package org.uklad.wave;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Access codes: 10 symbols from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L), drawn
 * from a cryptographically secure generator: 10 × log2(31) ≈ 49.5 bits, so guessing one of even a
 * million live codes takes ~10^9 tries on average. Shown as {@code XXXXX-XXXXX}; typed in any
 * case, with or without spaces and hyphens.
 */
public final class AccessCodeGenerator {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    /** The stored form of what someone typed, or empty if it cannot be a code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || c == ' ' || c == '\u00a0' || c == '\t') {
                continue;
            }
            char upper = Character.toUpperCase(c);
            if (upper > 127 || ALPHABET.indexOf(upper) < 0) {
                return Optional.empty();
            }
            out.append(upper);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** {@code ABCDE-FGHJK}: easier to read aloud and to copy from a printed sheet. */
    public static String display(String code) {
        return code.length() == LENGTH ? code.substring(0, 5) + "-" + code.substring(5) : code.toUpperCase(Locale.ROOT);
    }
}
