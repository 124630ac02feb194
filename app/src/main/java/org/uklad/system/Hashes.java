package org.uklad.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text (UTF-8) as 64 lower-case hex digits: fingerprints, key hashes, token hashes. */
public final class Hashes {

    private Hashes() {
    }

    /*
     * MessageDigest.getInstance searches the security providers on every call; a submission takes
     * three hashes, and the search was about 2 % of the service's CPU under load. Cloning a
     * prototype gives the same, fresh digest without the search.
     */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
    }

    public static String sha256Hex(String text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e); // the platform's SHA-256 is cloneable
        }
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
