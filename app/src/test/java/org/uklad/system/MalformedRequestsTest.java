package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Hundreds of malformed requests across the public and administration endpoints: broken JSON,
 * wrong types, huge numbers and bodies, unknown fields, invalid UTF-8, path traversal in ids,
 * header abuse. Every one must get a 4xx with application/problem+json and change nothing stored.
 */
@MicronautTest(transactional = false)
class MalformedRequestsTest extends AppTest {

    static final String[] TABLES = {"school", "partnership", "questionnaire_version", "wave", "wave_questionnaire",
        "access_code", "response", "answer"};

    record Case(String name, String method, String path, String contentType, byte[] body, String[] headers) {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String AUTH = "Bearer " + Http.ADMIN_TOKEN;

    /** Bodies that are not what any endpoint accepts as JSON. */
    static Map<String, byte[]> brokenBodies() {
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("empty", new byte[0]);
        b.put("open brace", utf8("{"));
        b.put("truncated", utf8("{\"name\": \"Шко"));
        b.put("array", utf8("[1, 2, 3]"));
        b.put("null", utf8("null"));
        b.put("number", utf8("123"));
        b.put("string", utf8("\"text\""));
        b.put("trailing garbage", utf8("{} xyz"));
        b.put("single quotes", utf8("{'name': 'x'}"));
        b.put("NaN literal", utf8("{\"a\": NaN}"));
        b.put("deep nesting", utf8("[".repeat(5000) + "]".repeat(5000)));
        b.put("invalid UTF-8", new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        b.put("lone surrogate escape", utf8("{\"name\": \"\\uD800\"}"));
        b.put("huge body", utf8("{\"name\": \"" + "я".repeat(300_000) + "\"}"));
        b.put("control characters", utf8("{\"name\": \"a\u0001b\"}"));
        b.put("low surrogate escape", utf8("{\"name\": \"A\\uDC00B\"}"));
        b.put("name twice", utf8("{\"name\": \"a\", \"name\": \"b\"}"));
        b.put("second value", utf8("{} {}"));
        b.put("closing bracket after", utf8("{}]"));
        b.put("UTF-16 with BOM", "{}".getBytes(StandardCharsets.UTF_16));
        b.put("UTF-16LE", "{}".getBytes(StandardCharsets.UTF_16LE));
        b.put("UTF-32", "{}".getBytes(java.nio.charset.Charset.forName("UTF-32")));
        return b;
    }

    /** Well-formed JSON objects with wrong content for the administration create endpoints. */
    static Map<String, String> wrongSchools() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("empty object", "{}");
        m.put("name as number", "{\"name\": 5, \"municipality\": \"M\", \"category\": \"OTHER\"}");
        m.put("name as array", "{\"name\": [\"x\"], \"municipality\": \"M\", \"category\": \"OTHER\"}");
        m.put("name as object", "{\"name\": {}, \"municipality\": \"M\", \"category\": \"OTHER\"}");
        m.put("unknown category", "{\"name\": \"N\", \"municipality\": \"M\", \"category\": \"ELITE\"}");
        m.put("category as number", "{\"name\": \"N\", \"municipality\": \"M\", \"category\": 3}");
        m.put("blank name", "{\"name\": \"   \", \"municipality\": \"M\", \"category\": \"OTHER\"}");
        m.put("very long name", "{\"name\": \"" + "x".repeat(5000) + "\", \"municipality\": \"M\", \"category\": \"OTHER\"}");
        m.put("null fields", "{\"name\": null, \"municipality\": null, \"category\": null}");
        m.put("unknown field", "{\"name\": \"N\", \"municipality\": \"M\", \"category\": \"OTHER\", \"director\": \"Иванов\"}");
        // names: one normaliser refuses what cannot be seen or stored, wherever the name comes from
        for (Map.Entry<String, String> hostile : hostileNames().entrySet()) {
            m.put("name with " + hostile.getKey(), "{\"name\": \"Школа " + hostile.getValue()
                    + "\", \"municipality\": \"M\", \"category\": \"OTHER\"}");
            m.put("municipality with " + hostile.getKey(), "{\"name\": \"Школа\", \"municipality\": \"М "
                    + hostile.getValue() + "\", \"category\": \"OTHER\"}");
        }
        m.put("name twice", "{\"name\": \"Школа А\", \"municipality\": \"M\", \"category\": \"OTHER\", \"name\": \"Школа Б\"}");
        m.put("a valid school then more", "{\"name\": \"Школа В\", \"municipality\": \"M\", \"category\": \"OTHER\"} []");
        return m;
    }

    /** Characters no name may hold, as JSON string content: NUL, zero-width, bidi overrides, half surrogates. */
    static Map<String, String> hostileNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NUL", "1\\u0000");
        m.put("zero-width space", "№ 1\\u200b");
        m.put("right-to-left override", "\\u202e1 №");
        m.put("byte-order mark", "\\ufeff№ 1");
        m.put("line separator", "№\\u20281");
        m.put("tab", "№\\t1");
        m.put("half surrogate", "№ 1\\ud800");
        return m;
    }

    static Map<String, String> wrongWaves() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("empty object", "{}");
        m.put("bad date", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-13-45\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": [\"example\"]}");
        m.put("closes before opens", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-12-01T00:00:00Z\", \"closesAt\": \"2026-11-01T00:00:00Z\", \"questionnaires\": [\"example\"]}");
        m.put("unknown kind", "{\"name\": \"W\", \"kind\": \"WEEKLY\", \"opensAt\": \"2026-11-01T00:00:00Z\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": [\"example\"]}");
        m.put("unknown questionnaire", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-11-01T00:00:00Z\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": [\"nope\"]}");
        m.put("questionnaires as string", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-11-01T00:00:00Z\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": \"example\"}");
        m.put("date as number", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": 1e308, \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": [\"example\"]}");
        m.put("no questionnaires", "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-11-01T00:00:00Z\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": []}");
        String dates = "{\"name\": \"W\", \"kind\": \"ENTRY\", \"opensAt\": \"%s\", \"closesAt\": \"%s\", \"questionnaires\": [\"example\"]}";
        m.put("opens 5000 BC", dates.formatted("-5000-01-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        m.put("closes in a billion years", dates.formatted("2026-11-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"));
        m.put("opens in 1999", dates.formatted("1999-12-31T23:59:59Z", "2026-12-01T00:00:00Z"));
        m.put("closes in 2101", dates.formatted("2026-11-01T00:00:00Z", "2101-01-01T00:00:00Z"));
        hostileNames().forEach((what, value) -> m.put("name with " + what, "{\"name\": \"Волна " + value
                + "\", \"kind\": \"ENTRY\", \"opensAt\": \"2026-11-01T00:00:00Z\", \"closesAt\": \"2026-12-01T00:00:00Z\", \"questionnaires\": [\"example\"]}"));
        return m;
    }

    static Map<String, String> wrongCodeRequests(long school) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("empty object", "{}");
        m.put("unknown school", "{\"schoolId\": 999999, \"questionnaire\": \"example\", \"groupLabel\": \"7А\"}");
        m.put("school as string", "{\"schoolId\": \"one\", \"questionnaire\": \"example\", \"groupLabel\": \"7А\"}");
        m.put("huge school id", "{\"schoolId\": 99999999999999999999999, \"questionnaire\": \"example\", \"groupLabel\": \"7А\"}");
        m.put("questionnaire not in wave", "{\"schoolId\": " + school + ", \"questionnaire\": \"teachers\", \"groupLabel\": \"7А\"}");
        m.put("too many codes", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"7А\", \"count\": 1000000}");
        m.put("zero uses", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"7А\", \"maxUses\": 0}");
        m.put("group smaller than k", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"Иванов Пётр 7А\", \"expectedSize\": 1}");
        m.put("negative size", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"7А\", \"expectedSize\": -5}");
        m.put("long label", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"" + "Б".repeat(80) + "\"}");
        m.put("count as fraction", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"7А\", \"count\": 2.5}");
        hostileNames().forEach((what, value) -> m.put("label with " + what, "{\"schoolId\": " + school
                + ", \"questionnaire\": \"example\", \"groupLabel\": \"7" + value + "\"}"));
        m.put("label twice", "{\"schoolId\": " + school + ", \"questionnaire\": \"example\", \"groupLabel\": \"7А\", \"groupLabel\": \"7Б\"}");
        return m;
    }

    static Map<String, String> wrongAnswers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("answers missing", "{}");
        m.put("answers null", "{\"answers\": null}");
        m.put("answers array", "{\"answers\": [3, 4]}");
        m.put("answers string", "{\"answers\": \"all good\"}");
        m.put("unknown top field", "{\"answers\": {\"grade\": 6}, \"ip\": \"10.0.0.1\"}");
        m.put("unknown item", "{\"answers\": {\"grade\": 6, \"surname\": \"Петров\"}}");
        m.put("likert as string", "{\"answers\": {\"grade\": 6, \"dem1\": \"4\"}}");
        m.put("likert as boolean", "{\"answers\": {\"grade\": 6, \"dem1\": true}}");
        m.put("likert off scale", "{\"answers\": {\"grade\": 6, \"dem1\": 7}}");
        m.put("likert zero", "{\"answers\": {\"grade\": 6, \"dem1\": 0}}");
        m.put("likert fraction", "{\"answers\": {\"grade\": 6, \"dem1\": 2.5}}");
        m.put("likert huge", "{\"answers\": {\"grade\": 6, \"dem1\": 99999999999999999999999999}}");
        m.put("likert exponent", "{\"answers\": {\"grade\": 6, \"dem1\": 1e400}}");
        m.put("likert negative exponent", "{\"answers\": {\"grade\": 6, \"dem1\": 4e-400}}");
        m.put("likert array", "{\"answers\": {\"grade\": 6, \"dem1\": [4]}}");
        m.put("likert object", "{\"answers\": {\"grade\": 6, \"dem1\": {\"v\": 4}}}");
        m.put("number below", "{\"answers\": {\"grade\": 4}}");
        m.put("number above", "{\"answers\": {\"grade\": 12}}");
        m.put("number as text", "{\"answers\": {\"grade\": \"seven\"}}");
        m.put("number negative huge", "{\"answers\": {\"grade\": -1e9999999}}");
        m.put("required missing", "{\"answers\": {\"dem1\": 4}}");
        m.put("single unknown option", "{\"answers\": {\"grade\": 6, \"bullied\": \"always\"}}");
        m.put("single as number", "{\"answers\": {\"grade\": 6, \"bullied\": 1}}");
        m.put("single as list of two", "{\"answers\": {\"grade\": 6, \"bullied\": [\"never\", \"once\"]}}");
        m.put("multiple unknown option", "{\"answers\": {\"grade\": 6, \"bullied\": \"once\", \"bullied_where\": [\"roof\"]}}");
        m.put("multiple duplicate", "{\"answers\": {\"grade\": 6, \"bullied\": \"once\", \"bullied_where\": [\"online\", \"online\"]}}");
        m.put("multiple exclusive mixed", "{\"answers\": {\"grade\": 6, \"bullied\": \"once\", \"bullied_where\": [\"prefer_not\", \"online\"]}}");
        m.put("multiple numbers", "{\"answers\": {\"grade\": 6, \"bullied\": \"once\", \"bullied_where\": [1, 2]}}");
        m.put("text too long", "{\"answers\": {\"grade\": 6, \"comment\": \"" + "ж".repeat(1001) + "\"}}");
        m.put("text as number", "{\"answers\": {\"grade\": 6, \"comment\": 42}}");
        m.put("text with NUL", "{\"answers\": {\"grade\": 6, \"comment\": \"a\\u0000b\"}}");
        m.put("text as object", "{\"answers\": {\"grade\": 6, \"comment\": {\"html\": \"<script>\"}}}");
        m.put("answers twice", "{\"answers\": {\"grade\": 6}, \"answers\": {\"grade\": 7}}");
        m.put("item twice", "{\"answers\": {\"grade\": 6, \"grade\": 7}}");
        m.put("a second object after", "{\"answers\": {\"grade\": 6}} {\"answers\": {\"grade\": 7}}");
        m.put("text after", "{\"answers\": {\"grade\": 6}} thanks");
        m.put("text with half surrogate", "{\"answers\": {\"grade\": 6, \"comment\": \"A\\ud800B\"}}");
        m.put("text with reversed pair", "{\"answers\": {\"grade\": 6, \"comment\": \"\\udf93\\ud83c\"}}");
        m.put("item name with half surrogate", "{\"answers\": {\"grade\": 6, \"\\ud800\": 1}}");
        return m;
    }

    static final String[] BAD_IDS = {"abc", "1.5", "99999999999999999999", "..%2F..%2Fetc%2Fpasswd", "%00", "1%20OR%201=1",
        "-", "x".repeat(3000), "%FF%FE", "1;DROP%20TABLE%20response"};

    static final String[] BAD_CODES = {"AAAAA-AAAAA", "..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(3000), "%FF%FE",
        "ABCDE%0D%0ASet-Cookie:x=1", "%3Cscript%3E", "0OIL1"};

    List<Case> cases() {
        String code = fixture.sharedExampleCode();
        long school = fixture.school("OTHER");
        long wave = fixture.openWave("example");
        List<Case> cases = new ArrayList<>();
        String json = "application/json";
        String[] auth = {"Authorization", AUTH};
        String[] authKey = {"Authorization", AUTH, "Idempotency-Key", UUID.randomUUID().toString()};
        String submit = "/api/v1/surveys/" + code + "/responses";

        // 1. Broken bodies on every JSON-accepting endpoint
        Map<String, String[]> jsonPosts = new LinkedHashMap<>();
        jsonPosts.put(submit, new String[] {"Idempotency-Key", UUID.randomUUID().toString()});
        jsonPosts.put("/api/v1/admin/schools", auth);
        jsonPosts.put("/api/v1/admin/partnerships", auth);
        jsonPosts.put("/api/v1/admin/waves", auth);
        jsonPosts.put("/api/v1/admin/waves/" + wave + "/access-codes", auth);
        brokenBodies().forEach((name, body) -> jsonPosts.forEach((path, headers) ->
                cases.add(new Case("broken body: " + name + " -> " + path, "POST", path, json, body, headers))));
        brokenBodies().forEach((name, body) -> cases.add(new Case("broken body: " + name + " -> PATCH wave", "PATCH",
                "/api/v1/admin/waves/" + wave, json, body, auth)));

        // 2. Well-formed JSON with wrong content
        wrongSchools().forEach((name, body) -> cases.add(new Case("school: " + name, "POST", "/api/v1/admin/schools", json, utf8(body), auth)));
        wrongWaves().forEach((name, body) -> cases.add(new Case("wave: " + name, "POST", "/api/v1/admin/waves", json, utf8(body), auth)));
        wrongCodeRequests(school).forEach((name, body) -> cases.add(new Case("codes: " + name, "POST",
                "/api/v1/admin/waves/" + wave + "/access-codes", json, utf8(body), auth)));
        wrongAnswers().forEach((name, body) -> cases.add(new Case("answers: " + name, "POST", submit, json, utf8(body),
                new String[] {"Idempotency-Key", UUID.randomUUID().toString()})));
        cases.add(new Case("partnership with itself", "POST", "/api/v1/admin/partnerships", json,
                utf8("{\"mentorSchoolId\": " + school + ", \"supportedSchoolId\": " + school + "}"), auth));
        cases.add(new Case("partnership unknown schools", "POST", "/api/v1/admin/partnerships", json,
                utf8("{\"mentorSchoolId\": 123456, \"supportedSchoolId\": 654321}"), auth));
        cases.add(new Case("reschedule before opening", "PATCH", "/api/v1/admin/waves/" + wave, json,
                utf8("{\"closesAt\": \"2000-01-01T00:00:00Z\"}"), auth));
        for (String closes : new String[] {"+1000000000-12-31T23:59:59Z", "-5000-01-01T00:00:00Z", "2101-01-01T00:00:00Z"}) {
            cases.add(new Case("reschedule to " + closes, "PATCH", "/api/v1/admin/waves/" + wave, json,
                    utf8("{\"closesAt\": \"" + closes + "\"}"), auth));
        }
        for (String body : new String[] {"{\"closesAt\": \"2026-12-01T00:00:00Z\", \"closesAt\": \"2040-12-01T00:00:00Z\"}",
            "{\"closesAt\": \"2040-12-01T00:00:00Z\"} {}"}) {
            cases.add(new Case("reschedule " + body, "PATCH", "/api/v1/admin/waves/" + wave, json, utf8(body), auth));
        }
        byte[] utf16Answers = "{\"answers\": {\"grade\": 6}}".getBytes(StandardCharsets.UTF_16LE);
        cases.add(new Case("answers in UTF-16", "POST", submit, json, utf16Answers,
                new String[] {"Idempotency-Key", UUID.randomUUID().toString()}));
        // a school renamed, a municipality renamed: the same names rules
        hostileNames().forEach((what, value) -> {
            cases.add(new Case("school renamed with " + what, "PUT", "/api/v1/admin/schools/" + school, json,
                    utf8("{\"name\": \"Школа " + value + "\", \"municipality\": \"Тестовый район\", \"category\": \"OTHER\"}"), auth));
            cases.add(new Case("municipality renamed to " + what, "POST", "/api/v1/admin/municipalities/rename", json,
                    utf8("{\"from\": \"Тестовый район\", \"to\": \"Район " + value + "\"}"), auth));
            cases.add(new Case("municipality renamed from " + what, "POST", "/api/v1/admin/municipalities/rename", json,
                    utf8("{\"from\": \"Тестовый район" + value + "\", \"to\": \"Район\"}"), auth));
        });
        // paper forms: a quote never closed, a hidden group label, a day no wave has
        String paper = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example";
        Map<String, String> csvs = new LinkedHashMap<>();
        csvs.put("unterminated quote", "group_label,grade\r\n\"abc,7\r\n");
        csvs.put("text after a closing quote", "group_label,grade\r\n\"7А\"b,7\r\n");
        csvs.put("group label with NUL", "group_label,grade\r\n7\u0000А,7\r\n");
        csvs.put("group label with zero-width space", "group_label,grade\r\n7А\u200b,7\r\n");
        csvs.put("group label with bidi override", "group_label,grade\r\n\u202e7А,7\r\n");
        for (String day : new String[] {"-999999999-01-01", "+999999999-12-31", "1900-01-01", "2099-12-31", "2000-01-01"}) {
            csvs.put("submitted on " + day, "group_label,submitted_on,grade\r\n7А," + day + ",7\r\n");
        }
        csvs.forEach((name, csv) -> cases.add(new Case("paper: " + name, "POST", paper, "text/csv", utf8(csv), auth)));
        cases.add(new Case("questionnaire not YAML", "POST", "/api/v1/admin/questionnaires", "application/yaml",
                utf8("{{{ : : ["), auth));
        cases.add(new Case("questionnaire empty", "POST", "/api/v1/admin/questionnaires", "application/yaml", new byte[0], auth));
        cases.add(new Case("questionnaire YAML bomb", "POST", "/api/v1/admin/questionnaires", "application/yaml",
                utf8("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"), auth));
        cases.add(new Case("questionnaire invalid UTF-8", "POST", "/api/v1/admin/questionnaires", "application/yaml",
                new byte[] {'k', 'e', 'y', ':', ' ', (byte) 0xFF, (byte) 0xFE}, auth));

        // 3. Path abuse in ids and codes
        for (String id : BAD_IDS) {
            for (String path : new String[] {"/api/v1/admin/waves/%s", "/api/v1/admin/waves/%s/access-codes",
                "/api/v1/admin/questionnaires/%s/source", "/api/v1/admin/waves/%s/indices"}) {
                cases.add(new Case("bad id " + id.substring(0, Math.min(20, id.length())) + " in " + path, "GET",
                        path.formatted(id), null, null, auth));
            }
        }
        for (String bad : BAD_CODES) {
            cases.add(new Case("bad code GET " + bad.substring(0, Math.min(20, bad.length())), "GET", "/api/v1/surveys/" + bad, null, null, new String[0]));
            cases.add(new Case("bad code POST " + bad.substring(0, Math.min(20, bad.length())), "POST", "/api/v1/surveys/" + bad + "/responses",
                    json, utf8("{\"answers\": {}}"), new String[] {"Idempotency-Key", UUID.randomUUID().toString()}));
        }

        // 4. Header abuse
        byte[] valid = utf8("{\"answers\": {\"grade\": 6}}");
        cases.add(new Case("no content type", "POST", submit, null, valid, new String[] {"Idempotency-Key", UUID.randomUUID().toString()}));
        for (String type : new String[] {"text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded",
            "application/octet-stream", "garbage", "application/json; charset=utf-16"}) {
            cases.add(new Case("content type " + type, "POST", submit, type, valid, new String[] {"Idempotency-Key", UUID.randomUUID().toString()}));
        }
        for (String key : new String[] {"", " ", "short", "k".repeat(200), "key/with/slashes", "a b c d e f g h", "<script>alert(1)</script>"}) {
            cases.add(new Case("idempotency key '" + key.substring(0, Math.min(12, key.length())) + "'", "POST", submit, json, valid,
                    new String[] {"Idempotency-Key", key}));
        }
        cases.add(new Case("admin without token", "POST", "/api/v1/admin/schools", json, utf8("{\"name\": \"N\", \"municipality\": \"M\", \"category\": \"OTHER\"}"), new String[0]));
        cases.add(new Case("admin token wrong scheme", "POST", "/api/v1/admin/schools", json,
                utf8("{\"name\": \"N\", \"municipality\": \"M\", \"category\": \"OTHER\"}"), new String[] {"Authorization", "Basic " + Http.ADMIN_TOKEN}));
        cases.add(new Case("admin token with suffix", "GET", "/api/v1/admin/schools", null, null, new String[] {"Authorization", AUTH + "x"}));
        cases.add(new Case("huge header", "GET", "/api/v1/surveys/" + code, null, null, new String[] {"X-Filler", "y".repeat(20_000)}));
        cases.add(new Case("wrong method on survey", "PUT", "/api/v1/surveys/" + code, json, valid, new String[0]));
        cases.add(new Case("wrong method on schools", "DELETE", "/api/v1/admin/schools", null, null, auth));
        cases.add(new Case("unknown admin route", "GET", "/api/v1/admin/secrets", null, null, auth));
        cases.add(new Case("unknown api route", "POST", "/api/v2/surveys/" + code + "/responses", json, valid, authKey));
        return cases;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, db.count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    @Test
    void everyMalformedRequestGetsA4xxProblemAndChangesNothing() {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        Map<String, Long> before = snapshot();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Http.Response r;
            try {
                r = http.send(c.method(), c.path(), c.contentType(), c.body(), c.headers());
            } catch (RuntimeException e) {
                failures.add(c.name() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            if (r.status() < 400 || r.status() >= 500) {
                failures.add(c.name() + ": status " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
            } else if (!r.contentType().startsWith("application/problem+json")) {
                failures.add(c.name() + ": content type '" + r.contentType() + "' status " + r.status());
            } else if (r.body().contains("Exception") || r.body().contains("at org.") || r.body().contains("at io.")) {
                failures.add(c.name() + ": leaks internals");
            }
        }
        assertThat(failures).as(failures.size() + " of " + cases.size() + " cases").isEmpty();
        assertThat(snapshot()).as("nothing stored by any malformed request").isEqualTo(before);
    }
}
