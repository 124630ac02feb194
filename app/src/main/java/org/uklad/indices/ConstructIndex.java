package org.uklad.indices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.IndexKind;

/**
 * One construct of one questionnaire version in a wave, per school and pooled.
 *
 * @param construct construct id (e.g. {@code teacher_demandingness})
 * @param title     construct name
 * @param domain    column of the problem matrix
 * @param indexKind LEVEL, AGREEMENT or GAP
 * @param scale     the response scale its items use
 * @param items     the scored items in order, with their keying (and pairing, for a gap)
 * @param schools   one entry per school of the wave that has codes or answers for this version,
 *                  by school id; a school below the threshold is {@code {schoolId, suppressed: true}}
 * @param overall   all schools pooled; suppressed when it would let a suppressed school's figures
 *                  be worked out by subtraction (see {@link IndicesService})
 * @param icc       ICC(1)/ICC(2) of person scores across schools (null when withheld)
 * @param label     the reader's name of its level ({@link ConstructLabels#level}: with the form where
 *                  two forms of the wave measure it), as the dashboard and the PDF print it; absent
 *                  until {@link ConstructLabels#labelled} names the wave
 * @param agreementLabel the reader's name of the respondents' agreement (rWG(J)) of an AGREEMENT
 *                  construct, never the same as {@code label}; absent for the others
 */
@Serdeable
public record ConstructIndex(String construct, Text title, Domain domain, IndexKind indexKind, ScaleInfo scale,
                             List<ItemRef> items, List<SchoolIndex> schools, SchoolIndex overall,
                             @Nullable IccIndex icc, @Nullable Text label, @Nullable Text agreementLabel) {

    public ConstructIndex {
        items = List.copyOf(items);
        // a kept scan's patched list is immutable already: copying it would cost every school per read
        schools = schools instanceof ChunkedList<SchoolIndex> ? schools : List.copyOf(schools);
    }

    /** A construct not yet named for a reader. */
    public ConstructIndex(String construct, Text title, Domain domain, IndexKind indexKind, ScaleInfo scale,
                          List<ItemRef> items, List<SchoolIndex> schools, SchoolIndex overall, @Nullable IccIndex icc) {
        this(construct, title, domain, indexKind, scale, items, schools, overall, icc, null, null);
    }

    /** The same construct with its reader's names. */
    ConstructIndex labelled(Text level, @Nullable Text agreement) {
        return new ConstructIndex(construct, title, domain, indexKind, scale, items, schools, overall, icc, level, agreement);
    }

    /** One school's entry; a school without any answers is below every threshold, so suppressed. */
    public SchoolIndex entryOf(long schoolId) {
        if (schools instanceof ChunkedList<SchoolIndex>) {
            // made by VersionScan, in ascending school id: found in log(schools) steps, not a pass
            int low = 0;
            int high = schools.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long id = schools.get(mid).schoolId();
                if (id == schoolId) {
                    return schools.get(mid);
                }
                if (id < schoolId) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return SchoolIndex.suppressed(schoolId);
        }
        return schools.stream().filter(s -> s.schoolId() != null && s.schoolId() == schoolId).findFirst()
                .orElseGet(() -> SchoolIndex.suppressed(schoolId));
    }

    ConstructIndex onlySchool(long schoolId) {
        return new ConstructIndex(construct, title, domain, indexKind, scale, items, List.of(entryOf(schoolId)), overall, icc,
                label, agreementLabel);
    }

    /**
     * @param id         response scale id
     * @param min        lowest point
     * @param max        highest point
     * @param favourable points counted as favourable (on the keyed score)
     */
    @Serdeable
    public record ScaleInfo(String id, int min, int max, List<Integer> favourable) {}

    /**
     * @param id       item id (export column)
     * @param reverse  reverse-keyed: scored {@code min + max − x}
     * @param gapPair  the real-vs-ideal pair, for a gap construct
     * @param gapSide  NOW or IDEAL, for a gap construct
     */
    @Serdeable
    public record ItemRef(String id, boolean reverse, @Nullable String gapPair, @Nullable GapSide gapSide) {}

    /**
     * @param groups schools with at least one scored respondent
     * @param n      scored respondents
     * @param icc1   share of score variance due to the school
     * @param icc2   reliability of school means
     */
    @Serdeable
    public record IccIndex(int groups, long n, @Nullable Double icc1, @Nullable Double icc2) {}
}
