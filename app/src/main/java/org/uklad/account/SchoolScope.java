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

    // --- results ---

    /** Throws 403 unless the user is a coordinator: external results (entry, import, a wave's outcome). */
    public void requireCoordinator(@Nullable Authentication auth) {
        if (!isCoordinator(auth)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }
    // --- profile ---

    /**
     * May the user fill in a school's profile and its mentor resources (institutional data, not
     * survey work)? An administrator any school; a director or a psychologist their own schools (a
     * director's partner school is to compare with, not theirs to describe).
     */
    public boolean mayEditProfile(@Nullable Authentication auth, long schoolId) {
        Role role = Role.of(auth).orElse(null);
        return role == Role.ADMIN || role != null && StaffAuthentication.ownSchools(auth).contains(schoolId);
    }

    /** Throws 403 unless the user may fill in the school's profile ({@link #mayEditProfile}). */
    public void requireProfileEdit(@Nullable Authentication auth, long schoolId) {
        if (!mayEditProfile(auth, schoolId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    /** The schools whose profile the user may fill in, in registry order (all for an administrator). */
    public List<School> profileSchools(@Nullable Authentication auth) {
        return schools.all().stream().filter(s -> mayEditProfile(auth, s.id())).toList();
    }

    // --- risk ---

    /**
     * May the user start a support programme for a school from its risk profile (the link "Создать
     * программу поддержки"): coordinators, who create programmes.
     */
    public boolean mayStartSupportProgramme(@Nullable Authentication auth) {
        return isCoordinator(auth);
    }
    // --- programme ---

    /** May the user create support programmes (the coordinator, who plans the region's support)? */
    public boolean mayCreateProgramme(@Nullable Authentication auth) {
        return isCoordinator(auth);
    }

    /**
     * May the user read a support programme of the pair {@code supportedId} and {@code mentorId}
     * (null for a school without a mentor): the coordinator any, a psychologist or a director one
     * where either school of the pair is their own.
     */
    public boolean canReadProgramme(@Nullable Authentication auth, long supportedId, @Nullable Long mentorId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return role == Role.ADMIN || ownsEither(auth, supportedId, mentorId);
    }

    /** Throws 403 unless {@link #canReadProgramme}: the programme, its effects and its report. */
    public void requireReadProgramme(@Nullable Authentication auth, long supportedId, @Nullable Long mentorId) {
        if (!canReadProgramme(auth, supportedId, mentorId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    /**
     * May the user change a support programme (its goals, measures and their status): the
     * coordinator any, a psychologist one where either school of the pair is their own; directors
     * read it and note progress only ({@link #mayNoteMeasure}).
     */
    public boolean canEditProgramme(@Nullable Authentication auth, long supportedId, @Nullable Long mentorId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return role == Role.ADMIN || role == Role.PSYCHOLOGIST && ownsEither(auth, supportedId, mentorId);
    }

    /**
     * May the user add a progress note to a measure carried out by {@code owningSchoolId} (null: the
     * municipality carries it out, which only the coordinator speaks for): the coordinator any, staff
     * of the owning school theirs. Editors of the programme may note every measure besides.
     */
    public boolean mayNoteMeasure(@Nullable Authentication auth, @Nullable Long owningSchoolId) {
        Role role = Role.of(auth).orElse(null);
        if (role == null) {
            return false;
        }
        return role == Role.ADMIN || owningSchoolId != null && StaffAuthentication.ownSchools(auth).contains(owningSchoolId);
    }

    /**
     * How a progress note or an identification decision names its author: a role, never a person
     * ("ADMIN", "PSYCHOLOGIST", "DIRECTOR"; "SYSTEM" without one).
     */
    public String authorRole(@Nullable Authentication auth) {
        return Role.of(auth).map(Role::name).orElse("SYSTEM");
    }

    private static boolean ownsEither(Authentication auth, long supportedId, @Nullable Long mentorId) {
        List<Long> own = StaffAuthentication.ownSchools(auth);
        return own.contains(supportedId) || mentorId != null && own.contains(mentorId);
    }

    // --- identify ---

    /** May the user review the proposed school categories, decide them and confirm mentors (coordinators)? */
    public boolean mayIdentify(@Nullable Authentication auth) {
        return isCoordinator(auth);
    }

    /** Throws 403 unless the user may decide the identification of schools. */
    public void requireIdentification(@Nullable Authentication auth) {
        if (!mayIdentify(auth)) {
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
