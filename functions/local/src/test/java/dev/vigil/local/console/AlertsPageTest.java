package dev.vigil.local.console;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.notify.NotifyRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Alerts and Silences pages in real Chromium against the local app on MariaDB. Evaluation and notify run when
 * the test says (their schedules are off, notify's group wait is zero), so "the silence mutes the alert" is
 * checked against what notify really sends.
 */
class AlertsPageTest {

    static ConsoleApp app;
    static PageData data;
    static final Map<String, String> hostTokens = new java.util.HashMap<>();

    @BeforeAll
    static void givenThreeHostsWithFullDisks() {
        app = ConsoleApp.start(Map.of(
                "vigil.evaluate.schedule.enabled", "false",
                "vigil.notify.schedule.enabled", "false",
                "vigil.notify.group-wait", "0s",
                "vigil.notify.event-settle", "0s"));
        data = new PageData(app);
        for (String host : List.of("ack-01", "quiet-01", "loud-01")) {
            hostTokens.put(host, app.registerHost(host, "{\"team\":\"db\"}"));
        }
        sendFullDisks();
        evaluate();
    }

    /** Fresh samples from every host, so a later evaluation finds none of them down (HostDown would inhibit the rest). */
    static void sendFullDisks() {
        long now = System.currentTimeMillis();
        hostTokens.forEach((host, token) -> app.sendSamples(token, host,
                "[{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/var\"},\"value\":95.5,\"ts\":" + now + "},"
                        + "{\"metric\":\"cpu_usage_percent\",\"value\":12,\"ts\":" + now + "}]"));
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    /** Waits until the element's text contains {@code text} (pages redraw after each reload). */
    static void waitForText(ConsoleBrowser browser, String css, String text) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && found.get(0).getText().contains(text);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no \"" + text + "\" in " + css + ": " + browser.all(css).stream().map(WebElement::getText).toList(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void evaluate() {
        app.context().getBean(EvaluationCycle.class).runOnce().orElseThrow();
    }

    @Test
    void acknowledgingFromTheAlertsPageChangesWhatTheApiReturns() {
        long id = data.alertId("ack-01", "DiskSpaceLow", "firing");
        assertEquals(false, data.object("api/v1/alerts/" + id).get("acknowledged"));
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("alerts");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitForCount(".alert-card", 3);
            browser.screenshotIfWanted("alerts");
            WebElement card = browser.waitFor(".alert-card[data-alert-id='" + id + "']");
            assertTrue(card.getText().contains("95.5"), card.getText());
            card.findElement(By.cssSelector(".ack-button")).click();
            browser.waitFor("dialog[open] #ack-comment").sendKeys("on it, OPS-42");
            browser.driver().findElement(By.cssSelector("dialog[open] button[data-role=submit]")).click();
            browser.waitFor(".message.ok");
            browser.waitFor(".alert-card[data-alert-id='" + id + "'] .flag-ack");

            Map<String, Object> after = data.object("api/v1/alerts/" + id);
            assertEquals(true, after.get("acknowledged"));
            assertEquals("on it, OPS-42", after.get("acknowledgedComment"));
            assertTrue(after.get("acknowledgedBy") instanceof String by && !by.isBlank(), "who acknowledged: " + after);

            // the filters narrow the list and stay in the URL
            new Select(browser.waitFor("#filter-severity")).selectByValue("critical");
            browser.waitFor("#filter-host").sendKeys("quiet");
            browser.waitForCount(".alert-card", 1);
            assertEquals(1, browser.all(".alert-card").size());
            assertTrue(browser.driver().getCurrentUrl().contains("host=quiet"), browser.driver().getCurrentUrl());
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void aSilenceCreatedFromTheAlertMutesItAndNotifySendsNothingAboutIt() {
        long quiet = data.alertId("quiet-01", "DiskSpaceLow", "firing");
        long loud = data.alertId("loud-01", "DiskSpaceLow", "firing");
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("alert/" + quiet);
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor("#alert-timeline");
            browser.waitFor(".silence-button").click();

            // the create form opens with the alert's rule, host and labels filled in
            browser.waitFor("#silence-form");
            List<String> names = browser.all(".pair-name").stream().map(e -> e.getAttribute("value")).toList();
            List<String> values = browser.all(".pair-value").stream().map(e -> e.getAttribute("value")).toList();
            assertTrue(names.contains("host") && values.contains("quiet-01") && names.contains("rule")
                    && values.contains("DiskSpaceLow") && names.contains("mount"), names + " " + values);
            new Select(browser.waitFor("#silence-duration")).selectByValue("4h");
            browser.driver().findElement(By.cssSelector("#silence-form button[type=submit]")).click();
            browser.waitFor(".message.ok");
            browser.waitFor("#silence-list table");
            assertTrue(browser.waitFor("#silence-list").getText().contains("quiet-01"));

            sendFullDisks();
            evaluate();
            assertEquals(true, data.object("api/v1/alerts/" + quiet).get("silenced"));
            assertEquals(false, data.object("api/v1/alerts/" + loud).get("silenced"));
            // notify cycles, as its schedule would run them, until the unsilenced alert's message is out
            NotifyRun notify = app.context().getBean(NotifyRun.class);
            List<String> cycles = new java.util.ArrayList<>();
            long giveUpAt = System.currentTimeMillis() + 45_000;
            while (data.list("api/v1/notifications?alert=" + loud).isEmpty() && System.currentTimeMillis() < giveUpAt) {
                cycles.add(String.valueOf(notify.runOnce()));
                sleep(1_000);
            }
            assertFalse(data.list("api/v1/notifications?alert=" + loud).isEmpty(), "the unsilenced alert was notified; alert "
                    + data.object("api/v1/alerts/" + loud) + "; notify cycles " + cycles);
            assertEquals(List.of(), data.list("api/v1/notifications?alert=" + quiet), "nothing sent about the silenced alert");

            // the alert's own page shows its timeline and what was sent
            browser.open("alert/" + loud);
            browser.waitFor("#alert-notifications table");
            assertTrue(browser.waitFor("#alert-timeline").getText().contains("firing"));
            browser.screenshotIfWanted("alert");
            browser.open("alert/" + quiet);
            assertTrue(browser.waitFor("#alert-detail").getText().contains("Silenced\nyes"), browser.waitFor("#alert-detail").getText());

            browser.open("silences?new=1&m.host=loud-01&m.rule=DiskSpaceLow&comment=disk%20cleanup%20running");
            browser.waitFor("#silence-list table");
            browser.waitFor("#silence-form");
            browser.screenshotIfWanted("silences");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void silencesAreCreatedWithADurationOrAsARecurringWindowAndExpiredFromThePage() {
        long start = System.currentTimeMillis() + 3_600_000;
        assertEquals(201, app.send("POST", "api/v1/silences", ConsoleApp.ADMIN_TOKEN, "{\"matchers\":{\"host\":\"later-01\"},\"startsAt\":"
                + start + ",\"endsAt\":" + (start + 3_600_000) + ",\"comment\":\"planned upgrade\"}").statusCode());
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("silences");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor("#silence-create summary").click();
            browser.waitFor("#matcher-name-1").clear();
            browser.waitFor("#matcher-name-1").sendKeys("team");
            browser.waitFor("#matcher-value-1").sendKeys("web");
            browser.waitFor("#silence-comment").sendKeys("deploy window");
            browser.driver().findElement(By.cssSelector("#silence-form button[type=submit]")).click();
            waitForText(browser, ".message.ok", "team=web");

            browser.waitFor("#silence-create summary").click();
            browser.waitFor("#matcher-value-1").sendKeys("db-backup");
            browser.waitFor("#silence-recurring").click();
            browser.waitFor("#silence-cron").sendKeys("0 2 * * SUN");
            browser.driver().findElement(By.cssSelector("#silence-form button[type=submit]")).click();
            waitForText(browser, ".message.ok", "(recurring)");

            List<Map<String, Object>> current = data.list("api/v1/silences");
            Map<String, Object> oneOff = current.stream().filter(s -> "deploy window".equals(s.get("comment"))).findFirst().orElseThrow();
            assertEquals(Map.of("team", "web"), oneOff.get("matchers"));
            long length = ((Number) oneOff.get("endsAt")).longValue() - ((Number) oneOff.get("startsAt")).longValue();
            assertTrue(Math.abs(length - 7_200_000) < 120_000, "the 2 h preset: " + oneOff);
            Map<String, Object> recurring = current.stream().filter(s -> "0 2 * * SUN".equals(s.get("cron"))).findFirst().orElseThrow();
            assertEquals(7_200_000L, ((Number) recurring.get("durationMs")).longValue());

            browser.waitFor("#tab-scheduled").click();
            waitForText(browser, "#silence-list", "later-01");
            browser.waitFor("#tab-active").click();
            long id = ((Number) oneOff.get("id")).longValue();
            browser.waitFor(".expire-button[data-silence-id='" + id + "']").click();
            browser.waitFor("dialog[open] button[data-role=submit]").click();
            waitForText(browser, ".message.ok", "expired");
            assertTrue(data.list("api/v1/silences").stream().noneMatch(s -> ((Number) s.get("id")).longValue() == id));
            browser.waitFor("#tab-expired").click();
            waitForText(browser, "#silence-list", "deploy window");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void theAlertsPageFitsAPhoneAndWorksByKeyboard() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl(), 390, 844)) {
            // headless Chromium keeps windows at least 500 px wide: emulate the phone's viewport instead
            browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            browser.open("alerts");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            assertEquals(390L, ((Number) browser.script("return window.innerWidth")).longValue());
            browser.waitForCount(".alert-card", 1);
            long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
            assertTrue(overflow <= 0, "no sideways scrolling at 390 px: " + overflow + " px too wide");
            browser.screenshotIfWanted("alerts-390");
            // the state tabs move with the arrow keys
            browser.waitFor("#tab-firing").sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
            browser.waitFor("#tab-pending[aria-selected=true]");
            assertTrue(browser.driver().getCurrentUrl().contains("state=pending"));
            assertEquals(List.of(), browser.severeLogs());
        }
    }
}
