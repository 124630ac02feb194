package org.uklad.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its ChromeDriver (packages chromium, chromium-driver; .ci/run
 * installs them). No browser is downloaded: the machine has no internet beyond package registries.
 */
public final class Browser {

    private Browser() {
    }

    /**
     * A phone: a 360 × 780 CSS-pixel viewport through Chrome's device emulation (a plain window
     * cannot be made that narrow in headless mode).
     */
    public static WebDriver phone() {
        return phone(360, 780);
    }

    /** A phone with a {@code width} × {@code height} CSS-pixel viewport. */
    public static WebDriver phone(int width, int height) {
        return start(412, 900, java.util.Map.of("deviceMetrics", java.util.Map.of("width", width, "height", height,
                "pixelRatio", 2.0, "touch", true), "userAgent", "Mozilla/5.0 (Linux; Android 14) Mobile"));
    }

    /**
     * A phone whose browser runs no JavaScript at all (Chrome's content setting, as a locked-down school
     * browser has it): the pages must work without their scripts. Taps are mouse clicks here: with
     * touch emulation and scripts off, ChromeDriver's click never returns.
     */
    public static WebDriver phoneWithoutJavaScript(int width, int height) {
        return start(412, 900, java.util.Map.of("deviceMetrics", java.util.Map.of("width", width, "height", height,
                "pixelRatio", 2.0, "touch", false), "userAgent", "Mozilla/5.0 (Linux; Android 14) Mobile"), false);
    }

    public static WebDriver desktop() {
        return start(1280, 900, null);
    }

    /** A desktop window of {@code width} × {@code height} (e.g. the common 1366 × 900 laptop). */
    public static WebDriver desktop(int width, int height) {
        return start(width, height, null);
    }

    /** Signs in through the staff sign-in form, as a person types it. */
    public static void signIn(WebDriver browser, java.net.URL server, String login, String password) {
        browser.get(server + "/staff/login");
        browser.findElement(org.openqa.selenium.By.id("login")).sendKeys(login);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        org.openqa.selenium.WebElement button = browser.findElement(org.openqa.selenium.By.id("sign-in"));
        button.click();
        // click() returns before the answer arrives: the next get() could go out without the session cookie.
        // While the page is replaced Chromium may also answer "node does not belong to the document":
        // retried, like a stale button.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> !d.getCurrentUrl().endsWith("/staff/login")
                        || org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(button).apply(d));
    }

    static WebDriver start(int width, int height, java.util.Map<String, Object> mobileEmulation) {
        return start(width, height, mobileEmulation, true);
    }

    static WebDriver start(int width, int height, java.util.Map<String, Object> mobileEmulation, boolean javaScript) {
        String chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        String driver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height, "--lang=ru");
        if (!javaScript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        if (mobileEmulation != null) {
            options.setExperimentalOption("mobileEmulation", mobileEmulation);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("Not installed: " + String.join(" or ", paths)
                + " (apt-get install chromium chromium-driver)");
    }
}
