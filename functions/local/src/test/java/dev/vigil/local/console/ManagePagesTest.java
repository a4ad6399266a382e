package dev.vigil.local.console;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.housekeeping.HousekeepingRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hosts, Rules, Notifications and Database pages in real Chromium against the local app on MariaDB, and what
 * a viewer sees on every management page: data, no change controls, and 403 from the API.
 */
class ManagePagesTest {

    static final String XSS_LABEL = "<img src=x onerror=alert(1)>";
    /** Where the webhook receiver points: a port nothing listens on, so its deliveries fail visibly. */
    static final String DEAD_WEBHOOK = "http://127.0.0.1:9/vigil-hook";

    static ConsoleApp app;
    static PageData data;

    @BeforeAll
    static void givenHostsAnAlertAHousekeepingRunAndAFailingWebhook() {
        app = ConsoleApp.start(Map.of(
                "vigil.evaluate.schedule.enabled", "false",
                "vigil.notify.schedule.enabled", "false",
                "vigil.notify.webhook.urls", DEAD_WEBHOOK));
        data = new PageData(app);
        long now = System.currentTimeMillis();
        String web = app.registerHost("web-01", "{\"team\":\"web\",\"note\":" + ConsoleApp.quote(XSS_LABEL) + "}");
        app.sendSamples(web, "web-01", "[{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/\"},\"value\":85.2,\"ts\":" + now + "}]");
        app.registerHost("doomed-01", null);
        app.context().getBean(EvaluationCycle.class).runOnce().orElseThrow();
        app.context().getBean(HousekeepingRun.class).hourly().orElseThrow();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void registeringAHostShowsItsTokenOnceWithAnAgentYmlThatWorks() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("hosts");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor("#host-list table");
            browser.waitFor("#register-host summary").click();
            browser.waitFor("#register-name").sendKeys("new-01");
            browser.waitFor("#new-label-name-1").sendKeys("env");
            browser.waitFor("#new-label-value-1").sendKeys("prod");
            browser.driver().findElement(By.cssSelector("#register-form button[type=submit]")).click();

            String token = browser.waitFor("#new-host-token").getAttribute("value");
            assertTrue(token.length() >= 20, token);
            String yml = browser.waitFor("#new-host-agent-yml").getAttribute("value");
            assertTrue(yml.contains("host: \"new-01\"") && yml.contains("token: \"" + token + "\"")
                    && yml.contains("url: \"" + app.baseUrl().replaceAll("/$", "") + "\""), yml);
            assertTrue(browser.waitFor("#new-host-install").getAttribute("value").contains("install.sh"));
            browser.screenshotIfWanted("hosts-token");
            // the token shown is the host's real token: the agent's first batch is accepted with it
            app.sendSamples(token, "new-01", "[{\"metric\":\"cpu_usage_percent\",\"value\":3}]");
            assertEquals(Map.of("env", "prod"), data.object("api/v1/hosts/new-01").get("labels"));

            browser.waitFor("#new-host-done").click();
            assertTrue(browser.all("#new-host-token").isEmpty());
            browser.driver().navigate().refresh();
            browser.waitFor("#host-list table");
            assertFalse(browser.driver().getPageSource().contains(token), "the token is shown once only");
            browser.screenshotIfWanted("hosts");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void labelsAreEditedAndAHostIsDeletedOnlyAfterTypingItsName() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("hosts");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor(".delete-host[data-host='doomed-01']").click();
            browser.waitFor("dialog[open] #delete-confirm").sendKeys("doomed-0");
            browser.driver().findElement(By.cssSelector("dialog[open] button[data-role=submit]")).click();
            browser.waitFor("dialog[open] .message.error");
            assertTrue(data.list("api/v1/hosts").stream().anyMatch(h -> "doomed-01".equals(h.get("name"))), "a wrong name deletes nothing");
            browser.waitFor("dialog[open] #delete-confirm").sendKeys("1");
            browser.driver().findElement(By.cssSelector("dialog[open] button[data-role=submit]")).click();
            browser.waitFor(".message.ok");
            assertTrue(data.list("api/v1/hosts").stream().noneMatch(h -> "doomed-01".equals(h.get("name"))));

            browser.waitFor(".edit-labels[data-host='web-01']").click();
            browser.waitFor("dialog[open] .pair-add").click();
            List<WebElement> names = browser.all("dialog[open] .pair-name");
            List<WebElement> values = browser.all("dialog[open] .pair-value");
            names.get(names.size() - 1).sendKeys("tier");
            values.get(values.size() - 1).sendKeys("frontend");
            browser.driver().findElement(By.cssSelector("dialog[open] button[data-role=submit]")).click();
            AlertsPageTest.waitForText(browser, ".message.ok", "Labels of web-01 saved");
            assertEquals(Map.of("team", "web", "note", XSS_LABEL, "tier", "frontend"), data.object("api/v1/hosts/web-01").get("labels"));

            // a label with markup is shown as the characters it is
            assertTrue(browser.waitFor("#host-list").getText().contains("note=" + XSS_LABEL));
            assertEquals(0L, ((Number) browser.script("return document.querySelectorAll('main img').length")).longValue());
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void receiversShowTheirLastDeliveryAndSendTestProvesTheChannel() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("notifications");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            List<Map<String, Object>> receivers = data.list("api/v1/receivers");
            String email = receiverWith(receivers, "email");
            String webhook = receiverWith(receivers, "webhook");

            browser.waitFor(".test-receiver[data-receiver='" + email + "']").click();
            browser.waitFor(".message.ok");
            browser.waitFor(".test-receiver[data-receiver='" + webhook + "']").click();
            WebElement failure = browser.waitFor(".message.error");
            assertTrue(failure.getText().contains(webhook), failure.getText());

            List<Map<String, Object>> tests = data.list("api/v1/notifications?kind=test");
            assertTrue(tests.stream().anyMatch(n -> email.equals(n.get("receiver")) && "delivered".equals(n.get("status"))), tests.toString());
            assertTrue(tests.stream().anyMatch(n -> webhook.equals(n.get("receiver")) && "failed".equals(n.get("status"))), tests.toString());
            browser.waitFor("#notification-history tr.row-failed");
            browser.waitFor(".receiver-failing[data-receiver='" + webhook + "']");
            assertTrue(browser.waitFor("[data-receiver='" + email + "']").getText().contains("DELIVERED"),
                    browser.waitFor("[data-receiver='" + email + "']").getText());
            browser.screenshotIfWanted("notifications");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void theDatabasePageShowsTablesPartitionsAndTheHousekeepingRunAndTheRulesPageTheRulesInForce() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("database");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            assertTrue(browser.waitFor("#db-tables table").getText().contains("samples"));
            browser.waitFor("#db-partitions details.partitions");
            WebElement runs = browser.waitFor("#db-runs table");
            assertTrue(runs.getText().contains("housekeeping") && runs.getText().contains("OK"), runs.getText());
            browser.screenshotIfWanted("database");

            browser.open("rules");
            WebElement rules = browser.waitFor("#rule-list table");
            assertTrue(rules.getText().contains("DiskSpaceLow") && rules.getText().contains("HostDown"), rules.getText());
            assertTrue(browser.waitFor("#rules-file-state").getText().contains("No rules file"));
            browser.screenshotIfWanted("rules");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void aViewerSeesEveryManagementPageWithoutChangeControlsAndTheApiRefusesItsChanges() {
        String viewer = app.createToken("wall", "viewer");
        long alert = data.alertId("web-01", "DiskSpaceLow", "firing");
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("alerts");
            browser.signIn(viewer);
            String controls = ".ack-button, .silence-button, #silence-create, #silence-form, .expire-button, #register-host, "
                    + ".edit-labels, .delete-host, .test-receiver";
            Map<String, String> pages = Map.of("alerts", ".alert-card", "alert/" + alert, "#alert-timeline",
                    "silences", "#silence-list", "hosts", "#host-list table", "rules", "#rule-list table",
                    "notifications", "#receivers .receiver", "database", "#db-tables table");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.open(page.getKey());
                browser.waitFor(page.getValue());
                assertEquals(List.of(), browser.all(controls).stream().map(e -> e.getAttribute("class") + "#" + e.getAttribute("id")).toList(),
                        "no change controls for a viewer on " + page.getKey());
            }
            assertEquals(List.of(), browser.severeLogs());
        }
        assertEquals(403, app.send("POST", "api/v1/alerts/" + alert + "/ack", viewer, "{}").statusCode());
        assertEquals(403, app.send("POST", "api/v1/silences", viewer, "{\"matchers\":{\"host\":\"web-01\"},\"endsAt\":"
                + (System.currentTimeMillis() + 60_000) + "}").statusCode());
        assertEquals(403, app.send("POST", "api/v1/hosts", viewer, "{\"name\":\"sneaky-01\"}").statusCode());
        assertEquals(403, app.send("PUT", "api/v1/hosts/web-01/labels", viewer, "{}").statusCode());
        assertEquals(403, app.send("DELETE", "api/v1/hosts/web-01", viewer, (String) null).statusCode());
        assertEquals(403, app.send("POST", "api/v1/receivers/" + receiverWith(data.list("api/v1/receivers"), "email") + "/test", viewer, (String) null)
                .statusCode());
        assertEquals(200, app.send("GET", "api/v1/job-runs", viewer, (String) null).statusCode());
    }

    @SuppressWarnings("unchecked")
    private static String receiverWith(List<Map<String, Object>> receivers, String kind) {
        return receivers.stream().filter(r -> ((List<Map<String, Object>>) r.get("integrations")).stream()
                        .anyMatch(i -> kind.equals(i.get("kind"))))
                .map(r -> (String) r.get("name")).findFirst()
                .orElseThrow(() -> new AssertionError("no receiver with a " + kind + " integration: " + receivers));
    }
}
