package io.seqcast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import io.seqcast.testing.RequiredService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web page at {@code /} in a real browser: Debian's {@code chromium}, headless, driven through
 * {@code /usr/bin/chromedriver} (set explicitly, so Selenium Manager never downloads anything), against the
 * service on a random port. The steps run in order on one browser: an example forecast and its chart, a
 * hundred series and the series picker, a bad CSV, a backtest, keyboard tabs, an upload, a wrong key, a
 * promotion and a rollback, a training job whose loss curve grows until it is cancelled, the phone width,
 * Swagger UI under its own policy; and throughout, that the page asks no host but the service and logs no
 * error (CSP violations included). Screenshots of each view go to {@code target/ui-screenshots/}.
 *
 * <p>Without chromium this test is skipped with a message, except with {@code CI=true}, where it fails:
 * {@code .ci/chromium.sh} installs the browser there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    static final String KEY = "ui-test-key";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/ui-screenshots");
    static final Path DOWNLOADS = Path.of("target/ui-downloads").toAbsolutePath();
    static final Path TINY_GRU = Path.of("src/test/resources/registry/tiny-gru");
    // Generous: on a loaded 2-core machine the first forecasts take seconds; a passing run waits far less.
    static final Duration WAIT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ChromeDriver browser;
    static final List<String> requestedUrls = new ArrayList<>();
    static final List<String> browserErrors = new ArrayList<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        Path work = Files.createTempDirectory("seqcast-web-ui-test");
        properties.add("seqcast.registry.directory", () -> work.resolve("models").toString());
        properties.add("seqcast.security.api-keys", () -> KEY);
    }

    static String browserMissing() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null
                : "no " + CHROMIUM + " or " + CHROMEDRIVER;
    }

    /** From {@code @BeforeEach}: surefire would report an abort in {@code @BeforeAll} as 0 tests, 0 skipped. */
    @BeforeEach
    void browserIsInstalled() {
        RequiredService.require(browserMissing(), "apt-get install chromium chromium-driver; .ci/chromium.sh does it in CI");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        if (browserMissing() != null) {
            return; // each test then fails in CI or is reported as skipped (browserIsInstalled)
        }
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        Files.deleteIfExists(DOWNLOADS.resolve("forecast.csv"));
        try (var old = Files.newDirectoryStream(SCREENSHOTS, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void pageAndItsFilesCarryAStrictContentSecurityPolicyAndSwaggerUiKeepsItsOwn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(UiSecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base() + "/ui/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> swagger = http.send(HttpRequest.newBuilder(URI.create(base() + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.headers().firstValue("Content-Security-Policy")).isEmpty();

        browser.get(base() + "/swagger-ui.html");
        waitFor("Swagger UI lists the /forecast operation",
                () -> !browser.findElements(By.cssSelector(".opblock-summary-path[data-path='/forecast']")).isEmpty());
        collectLogs();
    }

    @Test
    @Order(2)
    void anExampleForecastIsPlottedWithItsIntervalBandsInTwoClicks() {
        openPage();
        click(By.cssSelector("button.example[data-example='air-passengers']"));
        waitFor("the example is loaded", () -> text("data-summary").startsWith("1 series, 144 points"));
        click(By.id("run-forecast"));
        waitFor("the forecast is shown", () -> text("forecast-status").startsWith("Forecast of 1 series"));

        assertThat(forecastPoints()).hasSize(12);
        WebElement history = browser.findElement(By.cssSelector("#forecast-chart path.history-line"));
        assertThat(history.getAttribute("data-points")).isEqualTo("144");
        for (String level : List.of("80", "95")) {
            WebElement band = browser.findElement(By.cssSelector("#forecast-chart path.band[data-level='" + level + "']"));
            assertThat(coordinates(band.getAttribute("d"))).as("band %s: upper and lower of 12 steps", level).hasSize(24);
        }
        // Every forecast point lies inside the 95% band: in SVG y grows downwards, x is shared by step.
        List<double[]> band95 = coordinates(browser.findElement(
                By.cssSelector("#forecast-chart path.band[data-level='95']")).getAttribute("d"));
        List<WebElement> points = forecastPoints();
        for (int i = 0; i < points.size(); i++) {
            double y = Double.parseDouble(points.get(i).getAttribute("cy"));
            double upper = band95.get(i)[1];
            double lower = band95.get(band95.size() - 1 - i)[1];
            assertThat(y).as("step %d between the band's edges", i + 1).isBetween(upper, lower);
        }
        assertThat(text("forecast-method")).startsWith("Answered by ");
        List<WebElement> candidates = browser.findElements(By.cssSelector("#selection-table tbody tr"));
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.findElements(By.cssSelector("#selection-table tbody tr.chosen"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#forecast-table tbody tr"))).hasSize(12);
        screenshot("forecast");

        click(By.id("download-forecast"));
        Path download = DOWNLOADS.resolve("forecast.csv");
        waitFor("the forecast CSV is downloaded", () -> Files.isRegularFile(download) && lines(download).size() == 13);
        List<String> csv = lines(download);
        assertThat(csv.get(0)).isEqualTo("id,step,timestamp,mean,lower_80,upper_80,lower_95,upper_95");
        assertThat(csv.get(1)).startsWith("series,1,1961-01-01,");
        assertThat(csv.get(12)).startsWith("series,12,1961-12-01,");
    }

    @Test
    @Order(3)
    void aHundredSeriesForecastOneAtATimeThroughTheSeriesPicker() {
        StringBuilder csv = new StringBuilder("id,timestamp,value\n");
        Random random = new Random(16);
        for (int s = 0; s < 100; s++) {
            double level = 50 + random.nextInt(100);
            for (int t = 0; t < 60; t++) {
                level += random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "s%03d,%s,%.2f%n", s, LocalDate.of(2024, 1, 1).plusDays(t), level));
            }
        }
        setData(csv.toString());
        waitFor("100 series read", () -> text("data-summary").startsWith("100 series, 6000 points"));
        setField("forecast-horizon", "6");
        // What is tested here is the page with 100 series; "model" spares the statistical fits (seconds of CPU).
        new Select(browser.findElement(By.id("forecast-selection"))).selectByValue("model");
        click(By.id("run-forecast"));
        waitFor("the forecast of 100 series", () -> text("forecast-status").startsWith("Forecast of 100 series"));

        Select picker = new Select(browser.findElement(By.id("forecast-series")));
        assertThat(picker.getOptions()).hasSize(100);
        picker.selectByVisibleText("s057");
        waitFor("the chart shows s057", () -> chartLabel("forecast-chart").startsWith("s057:"));
        assertThat(forecastPoints()).hasSize(6);
        assertThat(text("forecast-caption")).startsWith("s057");
        setField("forecast-series-filter", "s09");
        waitFor("the filter keeps s090 to s099", () -> new Select(browser.findElement(By.id("forecast-series"))).getOptions().size() == 10);
        assertThat(text("forecast-series-count")).isEqualTo("10 of 100 series");
        screenshot("forecast-100-series");
        new Select(browser.findElement(By.id("forecast-selection"))).selectByValue("best");
    }

    @Test
    @Order(4)
    void aBadCsvGetsAMessageNamingTheLine() {
        setData("timestamp,value\n2024-01-01,1\n2024-01-02,abc\n2024-01-03,3\n");
        click(By.id("run-forecast"));
        waitFor("an error", () -> browser.findElement(By.id("forecast-error")).isDisplayed());
        assertThat(text("forecast-error")).startsWith("Malformed CSV (400)").contains("line 3");
        assertThat(text("data-summary")).contains("line 3");
        screenshot("forecast-bad-csv");
    }

    @Test
    @Order(5)
    void aBacktestShadesItsWindowsAndTablesTheBaselines() {
        click(By.cssSelector("button.example[data-example='air-passengers']"));
        waitFor("the example is loaded", () -> text("data-summary").startsWith("1 series, 144 points"));
        click(By.id("tab-backtest"));
        click(By.id("run-backtest"));
        waitFor("the backtest is shown", () -> text("backtest-status").startsWith("Backtest of 1 series, 3 window(s)"));
        assertThat(browser.findElements(By.cssSelector("#backtest-chart rect.window"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#backtest-chart rect.window")).get(2).getAttribute("data-origin"))
                .isEqualTo("132");
        List<WebElement> rows = browser.findElements(By.cssSelector("#backtest-aggregate-table tbody tr"));
        assertThat(rows).extracting(r -> r.findElement(By.tagName("th")).getText())
                .containsExactly("Model", "Naive", "Seasonal naive");
        for (WebElement row : rows) {
            String mase = row.findElements(By.tagName("td")).get(3).getText();
            assertThat(Double.parseDouble(mase)).as("MASE of %s", row.getText()).isPositive();
        }
        assertThat(text("backtest-aggregate-table")).contains("coverage 80%", "coverage 95%");
        screenshot("backtest");
    }

    @Test
    @Order(6)
    void tabsFollowTheArrowKeys() {
        WebElement backtest = browser.findElement(By.id("tab-backtest"));
        backtest.sendKeys(Keys.ARROW_RIGHT);
        waitFor("the models tab is selected", () -> "true".equals(
                browser.findElement(By.id("tab-models")).getAttribute("aria-selected")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-models");
        assertThat(browser.findElement(By.id("view-models")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("view-backtest")).isDisplayed()).isFalse();
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        waitFor("back on the backtest tab", () -> "true".equals(
                browser.findElement(By.id("tab-backtest")).getAttribute("aria-selected")));
    }

    @Test
    @Order(7)
    void aModelIsUploadedPromotedAndRolledBackWithTheKeyAndAWrongKeyIsNamed() {
        click(By.id("tab-models"));
        waitFor("the registry's models are listed", () -> !browser.findElements(By.cssSelector("#models-table [data-model='default']")).isEmpty());

        setField("api-key", "not-the-key");
        upload("ui-sales");
        waitFor("the wrong key is named", () -> browser.findElement(By.id("models-error")).isDisplayed());
        assertThat(text("models-error")).startsWith("Forbidden (403)").contains("The API key was refused");

        setField("api-key", KEY);
        upload("ui-sales");
        waitFor("version 1 uploaded", () -> text("models-status").startsWith("Uploaded ui-sales v1"));
        upload("ui-sales");
        waitFor("version 2 uploaded", () -> text("models-status").startsWith("Uploaded ui-sales v2"));
        waitFor("its versions are listed", () -> browser.findElements(By.cssSelector("#versions-table tbody tr")).size() == 2);

        click(By.cssSelector("#versions-table button[data-version='2']"));
        waitFor("v2 promoted", () -> text("models-status").equals("ui-sales@production now points at v2 (new alias)."));
        click(By.id("rollback"));
        waitFor("rolled back to v1", () -> text("models-status").equals("ui-sales@production now points at v1 (was v2)."));
        waitFor("the table shows the alias", () -> text("models-table").contains("production → v1"));
        assertThat(text("model-card")).contains("GRU 1 layer(s) × 8 units, window 12, horizon 4");
        assertThat(text("card-heading")).isEqualTo("Model card of ui-sales v1");

        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return sessionStorage.getItem('seqcast.apiKey')")).isEqualTo(KEY);
        assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(js.executeScript("return document.cookie")).isEqualTo("");
        screenshot("models");
    }

    @Test
    @Order(8)
    void aTrainingJobsLossCurveGrowsUntilItIsCancelled() {
        click(By.id("tab-training"));
        click(By.cssSelector("button.example[data-example='air-passengers']"));
        waitFor("the example is loaded", () -> text("data-summary").startsWith("1 series, 144 points"));
        setField("training-name", "ui-trained");
        setField("training-hidden", "8");
        setField("training-epochs", "1000");
        setField("training-patience", "0");
        click(By.id("training-start"));
        waitFor("two epochs on the loss curve", () -> lossPoints() >= 2);
        int seen = lossPoints();
        waitFor("the loss curve grows", () -> lossPoints() > seen);
        assertThat(text("training-state")).contains("running");
        screenshot("training");
        click(By.id("training-cancel"));
        waitFor("the job is cancelled", () -> text("training-state").contains(": cancelled"));
        assertThat(browser.findElement(By.id("training-cancel")).isEnabled()).isFalse();
    }

    @Test
    @Order(9)
    void theOtherExamplesForecastAndThePhoneWidthNeedsNoSidewaysScrolling() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            click(By.id("tab-forecast"));
            forecastExample("stock", 60, 5);
            forecastExample("weather", 61, 7);
            JavascriptExecutor js = browser;
            Number overflow = (Number) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("sideways overflow in pixels").isLessThanOrEqualTo(0);
            screenshot("forecast-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    void forecastExample(String example, int points, int horizon) {
        click(By.cssSelector("button.example[data-example='" + example + "']"));
        waitFor(example + " is loaded", () -> text("data-summary").startsWith("1 series, " + points + " points"));
        click(By.id("run-forecast"));
        waitFor(example + " is forecast", () -> browser.findElements(By.cssSelector("#forecast-chart path.history-line"))
                .stream().anyMatch(line -> line.isDisplayed() && String.valueOf(points).equals(line.getAttribute("data-points"))));
        assertThat(forecastPoints()).hasSize(horizon);
        assertThat(browser.findElement(By.id("forecast-error")).isDisplayed()).isFalse();
    }

    @Test
    @Order(10)
    void thePageRequestedNoHostButTheServiceAndLoggedNoError() {
        collectLogs();
        String origin = "http://localhost:" + port + "/";
        assertThat(requestedUrls).as("requests seen in the performance log").isNotEmpty();
        assertThat(requestedUrls).allSatisfy(url -> assertThat(
                url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:" + origin.substring(0, origin.length() - 1)))
                .as("request to %s", url).isTrue());
        assertThat(requestedUrls).anyMatch(url -> url.startsWith(origin + "forecast?"));
        // The 401/403 answers of the wrong-key step and the bad CSV's 400 are logged as failed loads; nothing else.
        assertThat(browserErrors).allSatisfy(error -> assertThat(error)
                .matches(".*(status of (400|401|403)|Failed to load resource).*"));
        assertThat(browserErrors).noneMatch(error -> error.contains("Content Security Policy") || error.contains("Uncaught"));
    }

    // --- helpers

    String base() {
        return "http://localhost:" + port;
    }

    void openPage() {
        browser.get(base() + "/");
        waitFor("the page's script has run", () -> "true".equals(
                browser.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    void click(By by) {
        browser.findElement(by).click();
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    String chartLabel(String id) {
        return browser.findElement(By.cssSelector("#" + id + " svg")).getAttribute("aria-label");
    }

    List<WebElement> forecastPoints() {
        return browser.findElements(By.cssSelector("#forecast-chart circle.forecast-point"));
    }

    int lossPoints() {
        List<WebElement> line = browser.findElements(By.cssSelector("#loss-chart path.train-loss"));
        return line.isEmpty() ? 0 : Integer.parseInt(line.get(0).getAttribute("data-points"));
    }

    void setField(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Puts text into the data box as a paste would (sendKeys of 6,000 lines would take long). */
    void setData(String csv) {
        JavascriptExecutor js = browser;
        js.executeScript("const box = document.getElementById('csv-text'); box.value = arguments[0];"
                + "box.dispatchEvent(new Event('input'));", csv);
    }

    void upload(String name) {
        setField("upload-name", name);
        browser.findElement(By.id("upload-weights")).sendKeys(TINY_GRU.resolve("model.safetensors").toAbsolutePath().toString());
        browser.findElement(By.id("upload-manifest")).sendKeys(TINY_GRU.resolve("manifest.json").toAbsolutePath().toString());
        click(By.id("upload-submit"));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<double[]> coordinates(String path) {
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("[ML](-?[\\d.]+),(-?[\\d.]+)").matcher(path);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }

    void waitFor(String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .withMessage(what).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        } finally {
            collectLogs();
        }
    }

    void screenshot(String name) {
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Drains the browser's logs: the URL of every request the page sent, and every error it logged. */
    static void collectLogs() {
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asString())) {
                requestedUrls.add(message.path("params").path("request").path("url").asString());
            }
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                browserErrors.add(entry.getMessage());
            }
        }
    }

}
