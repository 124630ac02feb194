package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * Which schools a staff member may see and change; every staff feature asks this on the server.
 * ADMIN: every school. PSYCHOLOGIST: reads and edits the assigned schools. DIRECTOR: reads the own
 * school and its partners (either side of a partnership) for comparison; edits nothing.
 */
@Singleton
public class SchoolScope {

    private final Schools schools;
    private final Accounts accounts;

    SchoolScope(Schools schools, Accounts accounts) {
        this.schools = schools;
        this.accounts = accounts;
    }

    /**
     * May the user run the survey work of schools: create, extend and close waves, issue codes,
     * record focus groups, order summaries (coordinators, and psychologists for their schools).
     * Directors read; they do not run surveys.
     */
    public boolean mayManageWaves(@Nullable Authentication auth) {
        Role role = Role.of(auth).orElse(null);
        return role == Role.ADMIN || role == Role.PSYCHOLOGIST;
    }

    /** Is the user a coordinator (administrator): every school, whole waves, the registry? */
    public boolean isCoordinator(@Nullable Authentication auth) {
        return Role.of(auth).orElse(null) == Role.ADMIN;
    }

    /**
     * Does the user watch only their own schools' response rates (a director: partners are for
     * comparing indices, not for watching their response rates)?
     */
    public boolean monitorsOwnSchoolsOnly(@Nullable Authentication auth) {
        return Role.of(auth).orElse(null) == Role.DIRECTOR;
    }

    public boolean canRead(@Nullable Authentication auth, long schoolId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return switch (role) {
            case ADMIN -> true;
            case PSYCHOLOGIST -> StaffAuthentication.ownSchools(auth).contains(schoolId);
            case DIRECTOR -> StaffAuthentication.ownSchools(auth).contains(schoolId)
                    || schools.partnersOf(StaffAuthentication.ownSchools(auth)).contains(schoolId);
        };
    }

    /**
     * May the partner school's figures be shown beside this school's? Exactly when the user may read
     * the partner school itself: an administrator always, a director their school's partners, a
     * psychologist only a partner that is one of their own schools. The one rule for the dashboard,
     * the staff API and the PDF summary, so a document never prints what its reader's screen
     * withholds. False without a partner.
     */
    public boolean mayReadPartner(@Nullable Authentication auth, long schoolId) {
        return canRead(auth, schoolId)
                && schools.partnerOf(schoolId).map(p -> canRead(auth, p.school().id())).orElse(false);
    }

    /**
     * The standing of a stored account as a sign-in would give it (role and own schools), for work
     * done later on its behalf: a batch of summaries reads with its owner's rights. Empty for an
     * unknown or deactivated account, which reads nothing.
     */
    public Optional<Authentication> asAccount(long accountId) {
        return accounts.find(accountId).filter(StaffAccount::active)
                .map(a -> StaffAuthentication.of(a, accounts.schoolsOf(accountId)));
    }

    public boolean canEdit(@Nullable Authentication auth, long schoolId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return switch (role) {
            case ADMIN -> true;
            case PSYCHOLOGIST -> StaffAuthentication.ownSchools(auth).contains(schoolId);
            case DIRECTOR -> false;
        };
    }

    /**
     * Whether the user may take a school's documents away (its PDF summary): an administrator any
     * school, a psychologist or a director only their own schools. A director reads the partner
     * school beside their own on the dashboard, but its summary is not theirs to download.
     */
    public boolean canDownload(@Nullable Authentication auth, long schoolId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return role == Role.ADMIN || StaffAuthentication.ownSchools(auth).contains(schoolId);
    }

    /** Throws 403 unless the user may download the school's documents ({@link #canDownload}). */
    public void requireDownload(@Nullable Authentication auth, long schoolId) {
        if (!canDownload(auth, schoolId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    /** Ids of every school the user may read, ascending (all schools for an administrator). */
    public List<Long> readableSchools(@Nullable Authentication auth) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return List.of();
        }
        Set<Long> out = new TreeSet<>();
        switch (role) {
            case ADMIN -> schools.all().forEach(s -> out.add(s.id()));
            case PSYCHOLOGIST -> out.addAll(StaffAuthentication.ownSchools(auth));
            case DIRECTOR -> {
                out.addAll(StaffAuthentication.ownSchools(auth));
                out.addAll(schools.partnersOf(StaffAuthentication.ownSchools(auth)));
            }
        }
        return List.copyOf(out);
    }

    /** The schools the user may read, in registry order. */
    public List<School> readableSchoolRecords(@Nullable Authentication auth) {
        Set<Long> ids = Set.copyOf(readableSchools(auth));
        return schools.all().stream().filter(s -> ids.contains(s.id())).toList();
    }

    /** Throws 403 (the catalogue's {@code forbidden}) unless the user may read the school. */
    public void requireRead(@Nullable Authentication auth, long schoolId) {
        if (!canRead(auth, schoolId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    /** Throws 403 unless the user may change the school's data. */
    public void requireEdit(@Nullable Authentication auth, long schoolId) {
        if (!canEdit(auth, schoolId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    // --- plan ---

    /**
     * May the user keep the programme's indicators, plan and fact (define indicators, enter facts,
     * read the plan page, its PDF and API)? Coordinators only: the plan is the region's.
     */
    public boolean mayKeepPlan(@Nullable Authentication auth) {
        return isCoordinator(auth);
    }

    /** Throws 403 unless the user may keep the plan ({@link #mayKeepPlan}). */
    public void requirePlan(@Nullable Authentication auth) {
        if (!mayKeepPlan(auth)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }
}
