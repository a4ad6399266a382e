package dev.vigil.local.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console shell in real Chromium against the local app: sign-in, every page routes, no console errors. */
class ConsoleShellBrowserTest {

    static ConsoleApp app;

    @BeforeAll
    static void startApp() {
        app = ConsoleApp.start();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void signsInAndEveryPageOpensWithoutConsoleErrors() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor("#fleet-count");
            for (String route : List.of("fleet", "alerts", "silences", "hosts", "rules", "notifications", "database")) {
                browser.open(route);
                browser.waitFor("nav a[aria-current=page][data-page=" + route + "]");
                browser.waitFor("main h1");
            }
            assertEquals(List.of(), browser.severeLogs());
        }
    }
}
