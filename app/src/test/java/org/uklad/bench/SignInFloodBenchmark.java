package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Respondents during a sign-in flood (not a test): {@code respondents} clients submit the 40-item
 * questionnaire through the API for {@code seconds}, first alone, then while {@code signIns}
 * clients send wrong passwords for one staff login without pause, at the production bcrypt cost
 * (12). The throttle's limits are raised out of the way, as if the flood came from as many
 * addresses as it likes, so every sign-in asks for a password check.
 *
 * <p>Arguments: {@code [seconds] [respondents] [signIns]}, e.g. {@code 15 16 100}. See BENCHMARKS.md.
 */
public final class SignInFloodBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int respondents = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int signIns = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path data = Files.createTempDirectory("uklad-bench");
        try (ApplicationContext app = BenchSupport.start(data, Map.of(
                "uklad.accounts.login-throttle.per-login", 1_000_000,
                "uklad.accounts.login-throttle.per-client", 1_000_000))) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            Http http = new Http(server.getURI(), app.getBean(JsonMapper.class));
            BenchSupport.importQuestionnaire(http, "bench40",
                    BenchSupport.questionnaire("bench40", List.of("comfort"), SubmissionBenchmark.ITEMS));
            Fixture fixture = new Fixture(http);
            long school = fixture.school("SHNRO");
            long wave = fixture.wave(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), "bench40");
            List<String> codes = fixture.codes(wave, school, "bench40", "7Б", respondents, 10_000);
            app.getBean(Accounts.class).create("flooded", "Нагрузка", Role.PSYCHOLOGIST, List.of(school),
                    "correct horse battery", false);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
            SubmissionBenchmark.Action submit = n -> SubmissionBenchmark.submitOnce(client, server.getURI(), codes.get(n));

            System.out.printf("%-10s %-12s %12s %10s %10s %10s %8s%n", "clients", "what", "submissions", "per sec",
                    "p50 ms", "p99 ms", "errors");
            SubmissionBenchmark.run(respondents, 3, submit);   // warm-up
            SubmissionBenchmark.print(respondents, "alone", SubmissionBenchmark.run(respondents, seconds, submit), seconds);

            AtomicBoolean stop = new AtomicBoolean();
            Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < signIns; i++) {
                int attacker = i;
                flood.add(Thread.ofVirtual().start(() -> {
                    StaffAgent agent = new StaffAgent(http);
                    agent.get("/staff/login");
                    while (!stop.get()) {
                        int status = agent.postWithCsrf("/staff/login", "login", "flooded",
                                "password", "wrong guess " + attacker).status();
                        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                }));
            }
            Thread.sleep(1000);   // the flood is on
            SubmissionBenchmark.print(respondents, "during " + signIns + " sign-ins",
                    SubmissionBenchmark.run(respondents, seconds, submit), seconds);
            stop.set(true);
            for (Thread t : flood) {
                t.join();
            }
            System.out.println("sign-in answers by status: " + new java.util.TreeMap<>(answers));
        } finally {
            BenchSupport.delete(data);
        }
    }
}
