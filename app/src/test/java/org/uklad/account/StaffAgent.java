package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uklad.support.Http;

/** One browser without JavaScript: keeps cookies, reads the CSRF token from the last page it saw. */
public final class StaffAgent {

    public static final String HTML = "text/html,application/xhtml+xml";
    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]*)\"");

    public final Http http;
    public final Map<String, String> cookies = new LinkedHashMap<>();
    public String csrf = "";

    public StaffAgent(Http http) {
        this.http = http;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return sb.toString();
    }

    public Http.Response send(String method, String path, String contentType, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!cookies.isEmpty()) {
            all.add("Cookie");
            all.add(String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        Http.Response r = http.send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                all.toArray(String[]::new));
        for (String setCookie : r.raw().headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (setCookie.toLowerCase().contains("max-age=0") || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        Matcher m = CSRF.matcher(r.body() == null ? "" : r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    public Http.Response get(String path) {
        return send("GET", path, null, null, "Accept", HTML);
    }

    public Http.Response getJson(String path) {
        return send("GET", path, null, null, "Accept", "application/json");
    }

    public Http.Response post(String path, String formBody) {
        return send("POST", path, "application/x-www-form-urlencoded", formBody, "Accept", HTML);
    }

    /** Posts a form with the CSRF token of the last page seen. */
    public Http.Response postWithCsrf(String path, String... pairs) {
        String[] withToken = new String[pairs.length + 2];
        withToken[0] = "csrfToken";
        withToken[1] = csrf;
        System.arraycopy(pairs, 0, withToken, 2, pairs.length);
        return post(path, form(withToken));
    }

    public Http.Response signIn(String login, String password) {
        Http.Response page = get("/staff/login");
        assertThat(page.status()).isEqualTo(200);
        return postWithCsrf("/staff/login", "login", login, "password", password);
    }

    /** Signs in and loads the home page, so {@link #csrf} holds the session's token. */
    public StaffAgent signedIn(String login, String password) {
        Http.Response r = signIn(login, password);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(get("/staff").status()).isEqualTo(200);
        return this;
    }

    /** The password of accounts made by {@link #account}. */
    public static final String PASSWORD = "staff agent password";
    private static final java.util.concurrent.atomic.AtomicInteger ACCOUNTS = new java.util.concurrent.atomic.AtomicInteger();

    /** A new active account (no password change pending) with {@link #PASSWORD}; returns its login. */
    public static String account(Accounts accounts, Role role, List<Long> schools) {
        String login = role.name().toLowerCase() + "-agent" + ACCOUNTS.incrementAndGet();
        accounts.create(login, "Тест " + role.name(), role, schools, PASSWORD, false);
        return login;
    }

    /** A new account of {@code role}, signed in. */
    public static StaffAgent signedIn(Http http, Accounts accounts, Role role, List<Long> schools) {
        return new StaffAgent(http).signedIn(account(accounts, role, schools), PASSWORD);
    }

    /** How the audit log names the signed-in account {@code login} ({@code AuditLog.actor}). */
    public static String auditActor(org.uklad.support.Database db, String login) {
        return login + " (#" + db.count("SELECT id FROM staff_account WHERE login = ?", login) + ")";
    }

    public String session() {
        return cookies.get(Sessions.COOKIE);
    }
}
