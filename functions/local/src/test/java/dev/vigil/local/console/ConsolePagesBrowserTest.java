package dev.vigil.local.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fleet and host pages in real Chromium against the local app on MariaDB, with hosts and samples sent through
 * the API: the fleet shows every host and its state (and follows changes without a reload), the host page draws
 * its charts from the stored points, a viewer gets no change controls and 403 on a change, a label carrying
 * markup is shown as text, and no page logs an error. With -Dvigil.console.screenshots=docs/console it also
 * writes the screenshots shown in the README.
 */
class ConsolePagesBrowserTest {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final long MINUTE = 60_000;
    static ConsoleApp app;
    static String viewerToken;
    /** Like agents: every host but old-01 keeps sending, so they stay up however long the tests take. */
    static final java.util.concurrent.ScheduledExecutorService AGENTS = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    static final Map<String, String> HOST_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, List<FleetData.Series>> HOST_SERIES = new java.util.concurrent.ConcurrentHashMap<>();

    static void host(String name, String labels, List<FleetData.Series> series, long historyMillis) {
        String token = app.registerHost(name, labels);
        app.sendSamples(token, name, FleetData.samples(series, System.currentTimeMillis(), historyMillis, MINUTE));
        HOST_TOKENS.put(name, token);
        HOST_SERIES.put(name, series);
    }

    @BeforeAll
    static void startAppWithAFleet() {
        app = ConsoleApp.start();
        host("web-01", "{\"team\":\"web\",\"note\":" + ConsoleApp.quote(XSS) + "}", FleetData.usualHost(0.3, 41, 0), 60 * MINUTE);
        host("db-01", "{\"team\":\"db\",\"env\":\"prod\"}", FleetData.usualHost(0.8, 95, 0), 60 * MINUTE);
        host("logs-01", "{\"team\":\"ops\"}", FleetData.usualHost(0.5, 70, 200e6), 60 * MINUTE);
        for (int i = 2; i <= 6; i++) {
            host("web-0" + i, "{\"team\":\"web\",\"env\":\"prod\"}", FleetData.usualHost(0.1 * i, 20 + 5 * i, 0), 10 * MINUTE);
        }
        app.registerHost("old-01", "{\"team\":\"ops\"}");
        viewerToken = app.createToken("wall", "viewer");
        AGENTS.scheduleWithFixedDelay(ConsolePagesBrowserTest::sendNow, 10, 10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void sendNow() {
        try {
            HOST_TOKENS.forEach((name, token) -> app.sendSamples(token, name,
                    FleetData.samples(HOST_SERIES.get(name), System.currentTimeMillis(), 0, MINUTE)));
        } catch (RuntimeException e) {
            // the app is stopping: the next round (if any) tries again
        }
    }

    @AfterAll
    static void stopApp() throws InterruptedException {
        AGENTS.shutdownNow();
        AGENTS.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theFleetShowsEveryHostWithItsStateWorstFirstAndFollowsChanges() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("fleet");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            List<WebElement> tiles = browser.waitForCount("#fleet-tiles .tile", 9);
            assertEquals("down", tile(browser, "old-01").getAttribute("data-status"));
            assertTrue(tile(browser, "old-01").getText().toLowerCase(java.util.Locale.ROOT).contains("down"), "status as text, not only colour");
            assertEquals("ok", tile(browser, "web-01").getAttribute("data-status"));
            assertTrue(tile(browser, "web-01").getText().contains("Disk /"), tile(browser, "web-01").getText());

            // db-01's disk is 95 % full: DiskSpaceLow fires at the next evaluation, the page shows it within a refresh.
            browser.waitFor("#fleet-tiles .tile[data-host='db-01'][data-status='critical']", Duration.ofSeconds(60));
            // logs-01's disk shrinks by 200 MB a minute: DiskWillFillIn4Hours opens with its prediction.
            assertTrue(browser.waitFor("#fleet-tiles .tile[data-host='logs-01'] .predict", Duration.ofSeconds(90)).getText()
                    .matches("disk / full in \\d+h( \\d+m)?"), tile(browser, "logs-01").getText());
            tiles = browser.all("#fleet-tiles .tile");
            List<String> order = List.of("down", "critical", "warning", "ok");
            List<Integer> ranks = tiles.stream().map(t -> order.indexOf(t.getAttribute("data-status"))).toList();
            assertEquals(ranks.stream().sorted().toList(), ranks, "worst first: " + tiles.stream()
                    .map(t -> t.getAttribute("data-host") + "/" + t.getAttribute("data-status")).toList());
            assertEquals("down", tiles.get(0).getAttribute("data-status"));
            browser.screenshotIfWanted("fleet");

            browser.script("window.vigilNoReload = true;");
            host("late-01", null, FleetData.usualHost(0.2, 30, 0), 0);
            browser.waitFor("#fleet-tiles .tile[data-host='late-01']", Duration.ofSeconds(40));
            assertEquals(Boolean.TRUE, browser.script("return window.vigilNoReload === true;"), "updated without a reload");

            browser.waitFor("#fleet-filter").sendKeys("team=db");
            assertEquals(List.of("db-01"), browser.all("#fleet-tiles .tile").stream().map(t -> t.getAttribute("data-host")).toList());
            assertTrue(browser.driver().getCurrentUrl().endsWith("#/fleet?q=team%3Ddb"), browser.driver().getCurrentUrl());
            browser.resize(390, 844);
            browser.open("fleet");
            browser.waitForCount("#fleet-tiles .tile", 10);
            assertNoHorizontalScroll(browser);
            browser.screenshotIfWanted("fleet-390px");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void theHostPageDrawsChartsFromTheStoredPoints() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("host/logs-01");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitFor("main[data-charts-drawn]");
            List<WebElement> charts = browser.all("#host-charts .chart");
            assertTrue(charts.size() >= 8, "CPU, memory, swap, load, disk used, disk free, network, checks: " + charts.size());
            WebElement cpu = charts.get(0);
            assertEquals("CPU", cpu.findElement(org.openqa.selenium.By.tagName("h3")).getText());
            int points = Integer.parseInt(cpu.getAttribute("data-points"));
            assertTrue(points >= 59 && points <= 61, "one point a minute for the last hour: " + points);
            assertTrue(cpu.findElements(org.openqa.selenium.By.cssSelector("canvas")).size() == 1, "uPlot drew on a canvas");
            assertTrue(browser.waitFor("#host-charts").getText().contains("full in"), "the disk free chart predicts the fill");
            assertTrue(browser.waitFor("main").getText().contains("team=ops"));
            browser.resize(1280, 2000);
            browser.screenshotIfWanted("host");

            // Drag across the CPU chart: it zooms, and so does every other chart.
            List<WebElement> holders = browser.all("#host-charts .chart-holder");
            String memoryBefore = holders.get(1).getAttribute("data-x-min");
            WebElement plotArea = holders.get(0).findElement(org.openqa.selenium.By.cssSelector(".u-over"));
            new org.openqa.selenium.interactions.Actions(browser.driver()).moveToElement(plotArea, -100, 0).clickAndHold()
                    .moveByOffset(150, 0).release().perform();
            browser.waitFor("#host-charts .chart-holder[data-x-min]");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> !memoryBefore.equals(holders.get(1).getAttribute("data-x-min")));
            assertEquals(holders.get(0).getAttribute("data-x-min"), holders.get(1).getAttribute("data-x-min"), "zoom follows");
            assertEquals(holders.get(0).getAttribute("data-x-max"), holders.get(1).getAttribute("data-x-max"));

            browser.waitFor("button[data-range='24h']").click();
            browser.waitFor("button[data-range='24h'][aria-pressed='true']");
            browser.waitFor("main[data-charts-drawn]");
            assertTrue(browser.driver().getCurrentUrl().endsWith("#/host/logs-01?range=24h"));
            browser.resize(390, 844);
            browser.open("host/logs-01");
            browser.waitFor("main[data-charts-drawn]");
            assertNoHorizontalScroll(browser);
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void aViewerSeesNoChangeControlsAndTheApiRefusesItsChanges() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("");
            browser.signIn(viewerToken);
            assertTrue(browser.waitFor("#who").getText().contains("viewer"));
            assertTrue((Boolean) browser.script("return document.body.classList.contains('role-viewer');"));
            for (String route : List.of("fleet", "host/web-01", "alerts", "silences", "hosts", "rules", "notifications", "database")) {
                browser.open(route);
                browser.waitFor("main h1");
                long controls = browser.all("main .admin-only, main [data-change], main button.danger")
                        .stream().filter(WebElement::isDisplayed).count();
                assertEquals(0, controls, "no change controls for a viewer on " + route);
            }
            Object answer = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('console/session').then(r => r.json()).then(s => fetch('api/v1/hosts', {method: 'POST',
                        headers: {'Content-Type': 'application/json', 'X-Vigil-CSRF': s.csrfToken},
                        body: JSON.stringify({name: 'from-viewer'})})).then(r => r.text().then(t => done(r.status + ' ' + t)));
                    """);
            assertTrue(String.valueOf(answer).startsWith("403 "), String.valueOf(answer));
            assertTrue(String.valueOf(answer).contains("viewer"), String.valueOf(answer));
            assertEquals(403, app.send("DELETE", "api/v1/hosts/web-01", viewerToken, (String) null).statusCode());
            // The 403 above was asked for; nothing else may be logged.
            assertTrue(browser.severeLogs().stream().allMatch(m -> m.contains("api/v1/hosts") && m.contains("403")),
                    browser.severeLogs().toString());
        }
    }

    @Test
    void aLabelCarryingMarkupIsShownAsText() {
        try (ConsoleBrowser browser = new ConsoleBrowser(app.baseUrl())) {
            browser.open("fleet");
            browser.signIn(ConsoleApp.ADMIN_TOKEN);
            browser.waitForCount("#fleet-tiles .tile", 9);
            assertTrue(tile(browser, "web-01").getText().contains("note=" + XSS), tile(browser, "web-01").getText());
            assertEquals(0L, browser.script("return document.querySelectorAll('main img').length;"));
            browser.open("host/web-01");
            browser.waitFor("main[data-charts-drawn]");
            assertTrue(browser.waitFor("main").getText().contains("note=" + XSS));
            assertEquals(0L, browser.script("return document.querySelectorAll('main img').length;"));
            assertEquals(List.of(), browser.severeLogs(), "no alert() ran, nothing was blocked or failed");
        }
    }

    private static WebElement tile(ConsoleBrowser browser, String host) {
        return browser.waitFor("#fleet-tiles .tile[data-host='" + host + "']");
    }

    private static void assertNoHorizontalScroll(ConsoleBrowser browser) {
        Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page fits 390 px without scrolling sideways");
    }
}
