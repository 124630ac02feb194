package org.uklad.response;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.system.ServerSecrets;

/**
 * Seals the answers of a submission while it waits in {@code response_held} for its group to reach
 * the minimum size (see {@link ResponseRelease}): AES-256-GCM, a fresh 96-bit nonce per
 * submission, and where it belongs (wave, school, version, group, day) as associated data, so a
 * sealed answer set cannot be moved to another group either.
 *
 * <p>Why: a held submission shares its transaction with the use of its access code, so a reader of
 * the database could otherwise link a single-use code to its answers until they are published.
 * The key comes from {@code uklad.responses.sealing-key} (base64 of 32 bytes, {@code
 * UKLAD_SEALING_KEY}); without it one is generated and kept in the database ({@link ServerSecrets}), which protects
 * nothing against a database reader and is said at start-up. A key that cannot open the held
 * submissions stops the start, so none of them is lost to a changed setting.
 */
@Context
public class Sealing {

    private static final Logger LOG = LoggerFactory.getLogger(Sealing.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    Sealing(@Nullable @Value("${uklad.responses.sealing-key:}") String configured,
            TransactionOperations<?> transactions, ServerSecrets secrets) {
        byte[] bytes = configured == null || configured.isBlank() ? storedKey(secrets) : decode(configured);
        this.key = new SecretKeySpec(bytes, "AES");
        this.keyId = idOf(bytes);
        List<String> others = ResponseStore.sealingKeysOtherThan(transactions, keyId);
        if (!others.isEmpty()) {
            throw new IllegalStateException("uklad.responses.sealing-key cannot open " + others.size()
                    + " key(s) of submissions waiting to be published; start with the key they were sealed with");
        }
    }

    /** Identifies a key without revealing it: held rows say which key sealed them. */
    String keyId() {
        return keyId;
    }

    byte[] seal(String where, List<StoredAnswer> answers) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(serialise(answers));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            ciphers.offer(cipher);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // the cipher is dropped, not returned to the pool
        }
    }

    List<StoredAnswer> open(String where, byte[] sealed) {
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
            ciphers.offer(cipher);
            return deserialise(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a held submission could not be opened", e);
        }
    }

    /*
     * Cipher.getInstance searches the security providers on every call: about 3 % of the service's
     * CPU under load (JFR, BENCHMARKS.md, Submissions). A cipher is re-initialised with a fresh
     * nonce for every use, so reusing one changes nothing about the sealing; one in use is never
     * shared (taken from the pool, put back after a successful doFinal).
     */
    private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

    private Cipher cipher() {
        Cipher pooled = ciphers.poll();
        if (pooled != null) {
            return pooled;
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The associated data: where a sealed answer set belongs. */
    static String where(long waveId, long schoolId, long versionId, String groupLabel, java.time.LocalDate day) {
        return waveId + "|" + schoolId + "|" + versionId + "|" + day + "|" + groupLabel;
    }

    private static byte[] serialise(List<StoredAnswer> answers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(answers.size());
            for (StoredAnswer a : answers) {
                text(out, a.itemId());
                if (a.intValue() != null) {
                    out.writeByte('i');
                    out.writeInt(a.intValue());
                } else if (a.textValue() != null) {
                    out.writeByte('t');
                    text(out, a.textValue());
                } else {
                    out.writeByte('c');
                    out.writeInt(a.choices().size());
                    for (String c : a.choices()) {
                        text(out, c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<StoredAnswer> deserialise(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            List<StoredAnswer> answers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String item = text(in);
                int kind = in.readByte();
                answers.add(switch (kind) {
                    case 'i' -> StoredAnswer.ofInt(item, in.readInt());
                    case 't' -> StoredAnswer.ofText(item, text(in));
                    case 'c' -> {
                        int m = in.readInt();
                        List<String> choices = new ArrayList<>(m);
                        for (int j = 0; j < m; j++) {
                            choices.add(text(in));
                        }
                        yield StoredAnswer.ofChoices(item, choices);
                    }
                    default -> throw new IllegalStateException("unknown answer kind " + kind);
                });
            }
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("uklad.responses.sealing-key must be base64 (e.g. openssl rand -base64 32)", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("uklad.responses.sealing-key must be 32 bytes in base64 (openssl rand -base64 32), not "
                    + bytes.length);
        }
        return bytes;
    }

    private static byte[] storedKey(ServerSecrets secrets) {
        LOG.warn("uklad.responses.sealing-key (UKLAD_SEALING_KEY) is not set: answers waiting to be published are "
                + "sealed with a key kept in the database, which does not protect them from a database reader");
        return secrets.secret("sealing");
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("uklad sealing key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
