package org.uklad.wave;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codes that opened something on this replica lately, with what they opened: a submission through
 * one of them needs no lookup before its own statement (BENCHMARKS.md, Submissions, sixth round).
 * A code's row never changes but for its count of uses, and its wave but for the closing time, so
 * an entry can only be stale in those (or the code be gone); the store confirms both in the
 * submission's own statement, and a refusal is always decided again on a fresh lookup
 * ({@link Waves#forget}). Entries live at most {@link #TTL_NANOS}, so what a page shows is never
 * older than that either. In memory only, per replica.
 */
final class RecentCodes {

    private static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX = 100_000;

    private record Entry(SurveyAccess access, long loadedAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SurveyAccess get(String normalizedCode) {
        Entry e = entries.get(normalizedCode);
        if (e == null || System.nanoTime() - e.loadedAt() > TTL_NANOS) {
            return null;
        }
        return e.access();
    }

    void put(String normalizedCode, SurveyAccess access) {
        if (entries.size() >= MAX) {
            entries.clear(); // a burst of distinct codes: start again rather than track ages
        }
        entries.put(normalizedCode, new Entry(access, System.nanoTime()));
    }

    void remove(String normalizedCode) {
        entries.remove(normalizedCode);
    }
}
