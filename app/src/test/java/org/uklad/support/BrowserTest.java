package org.uklad.support;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.WebDriver;

/** An application test that drives a real browser ({@link Browser}); the browser is closed after each test. */
public abstract class BrowserTest extends AppTest {

    protected WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }
}
