package dev.vigil.local.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through its chromedriver (never a downloaded browser), pointed at a
 * running console. One browser per instance with a fresh profile; {@link #close()} quits it.
 * {@link #severeLogs()} returns what the page logged as errors (failed loads, CSP violations, exceptions).
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** When set (a directory), tests write their screenshots there (see README, docs/console/). */
    public static final String SCREENSHOTS_PROPERTY = "vigil.console.screenshots";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    public ConsoleBrowser(String baseUrl) {
        this(baseUrl, 1280, 900);
    }

    public ConsoleBrowser(String baseUrl, int width, int height) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("vigil-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a console route, e.g. {@code open("host/web-01")}; {@code open("")} opens the console's root. */
    public void open(String route) {
        driver.get(baseUrl + (route.isEmpty() ? "" : "#/" + route));
    }

    /** Signs in on the sign-in page (open it first) and waits for the navigation to appear. */
    public void signIn(String token) {
        WebElement input = waitFor("#token");
        input.sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        waitFor("#sign-out");
    }

    public WebElement waitFor(String css) {
        return waitFor(css, WAIT);
    }

    public WebElement waitFor(String css, Duration wait) {
        try {
            return new WebDriverWait(driver, wait).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no visible " + css + " on " + driver.getCurrentUrl() + "; page says: "
                    + driver.findElement(By.tagName("body")).getText() + "; browser log: " + severeLogs(), e);
        }
    }

    /** Waits until {@code css} matches at least {@code count} elements (present, visible or not). */
    public List<WebElement> waitForCount(String css, int count) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(css)).size() >= count);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("fewer than " + count + " of " + css + " on " + driver.getCurrentUrl() + "; page says: "
                    + driver.findElement(By.tagName("body")).getText() + "; browser log: " + severeLogs(), e);
        }
        return driver.findElements(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs async JS; the script calls {@code arguments[arguments.length - 1](result)} when done. */
    public Object asyncScript(String js, Object... args) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Browser log entries at SEVERE (console.error, failed requests, CSP violations, uncaught exceptions). */
    public List<String> severeLogs() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    /** Writes a PNG of the page to {@code -Dvigil.console.screenshots=<dir>}/{@code name}.png when that is set. */
    public void screenshotIfWanted(String name) {
        String dir = System.getProperty(SCREENSHOTS_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp profile left behind is harmless
            }
        }
    }
}
