package org.uklad.account;

/**
 * Where staff credentials count. The session cookie is read only here, so respondents' pages and
 * API never see a staff identity (and never need a CSRF token). New staff features belong under
 * these prefixes.
 */
public final class StaffPaths {

    public static final String LOGIN = "/staff/login";
    public static final String LOGOUT = "/staff/logout";
    public static final String PASSWORD = "/staff/password";
    public static final String HOME = "/staff";
    /** The signed-in staff member's own account: password link and personal API tokens. */
    public static final String ACCOUNT = "/staff/account";

    private StaffPaths() {
    }

    public static boolean isStaff(String path) {
        return path.equals("/staff") || path.startsWith("/staff/") || path.startsWith("/api/v1/staff/")
                || path.equals("/api/v1/staff") || isAdminApi(path);
    }

    /** The staff API, the one place a personal API token is accepted. */
    public static boolean isStaffApi(String path) {
        return path.equals("/api/v1/staff") || path.startsWith("/api/v1/staff/");
    }

    /** The administration API, and the metrics endpoint that shares its bearer token. */
    public static boolean isAdminApi(String path) {
        return path.equals("/api/v1/admin") || path.startsWith("/api/v1/admin/") || path.equals(METRICS);
    }

    public static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals(METRICS);
    }

    public static final String METRICS = "/prometheus";
}
