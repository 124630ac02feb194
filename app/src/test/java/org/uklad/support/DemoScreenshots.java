package org.uklad.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Writes the screenshots kept in {@code docs/screenshots/}: the {@code dev} demo as a director, a
 * psychologist and a coordinator see it, each from signing in to their answer, at 1366 × 900 and on
 * a 360 px phone. Starts the service in {@code dev} mode on a temporary embedded PostgreSQL, so
 * the demo municipality is seeded exactly as on a first start. Not a test.
 *
 * <p>{@code java ... org.uklad.support.DemoScreenshots docs/screenshots}
 */
public final class DemoScreenshots {

    private static final String ADMIN_PASSWORD = "screenshots-admin-1";

    private DemoScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "uklad.database.embedded.mode", "temporary",
                "uklad.bootstrap-admin.password", ADMIN_PASSWORD,
                "micronaut.server.port", -1), "dev").getApplicationContext()) {
            URL server = app.getBean(EmbeddedServer.class).getURL();
            shoot(server, out, "director", "demo-director", "director", true);
            shoot(server, out, "psychologist", "demo-psychologist", "psychologist", true);
            shoot(server, out, "admin", ADMIN_PASSWORD, "coordinator", false);
        }
    }

    /**
     * Signs in, photographs the home page, follows its first main link (the role's answer: the
     * dashboard or the overview) and photographs that at the top, then on a phone.
     */
    private static void shoot(URL server, Path out, String login, String password, String name, boolean dashboard)
            throws Exception {
        WebDriver desktop = Browser.start(1366, 900, null);
        String answer;
        try {
            Browser.signIn(desktop, server, login, password);
            desktop.get(server + "/staff");
            save(desktop, out.resolve(name + "-1-home.png"));
            String selector = dashboard ? "a[href*='/dashboard']" : "a[href*='/overview']";
            desktop.findElement(By.cssSelector("main " + selector)).click();
            new WebDriverWait(desktop, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().endsWith("/staff"));
            answer = desktop.getCurrentUrl();
            save(desktop, out.resolve(name + "-2-answer.png"));
        } finally {
            desktop.quit();
        }
        WebDriver phone = Browser.phone(360, 780);
        try {
            Browser.signIn(phone, server, login, password);
            phone.get(answer);
            save(phone, out.resolve(name + "-3-phone.png"));
        } finally {
            phone.quit();
        }
    }

    private static void save(WebDriver browser, Path file) throws Exception {
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("Wrote " + file);
    }
}
