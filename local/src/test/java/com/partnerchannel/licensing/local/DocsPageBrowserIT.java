package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference page as a developer uses it, in a real headless Chromium (Debian's chromium and
 * chromium-driver; other paths with -Dchromium.binary and -Dchromedriver.path): every operation of the
 * contract is listed, and "Try it out" with a token from {@code POST /local/token} answers 200.
 * Runs only with {@code -Pbrowser}, as .ci/run does after installing Chromium.
 */
class DocsPageBrowserIT {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    static LocalRunner runner;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");
        assertThat(new File(chromium)).as("Chromium (apt-get install chromium chromium-driver)").canRead();
        assertThat(new File(chromedriver)).as("chromedriver (apt-get install chromium-driver)").canRead();
        runner = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed());

        ChromeOptions options = new ChromeOptions();
        // Both binaries are named, so Selenium Manager has nothing to look up or download.
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (runner != null) runner.close();
    }

    @Test
    void everyOperationOfTheContractIsListedAndTryItOutWithAPastedTokenAnswers200() throws IOException {
        browser.get(runner.baseUrl() + "/docs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock .opblock-summary-path")));
        try {
            assertThat(listedOperations()).isEqualTo(contractOperations());
            assertThat(resourcesLoaded()).as("every file the page loaded").allMatch(url -> url.startsWith(runner.baseUrl() + "/"));

            authorize(new ApiClient(runner.baseUrl()).token("platform-admin", "PLATFORM", "platform_admin"));
            WebElement listCompanies = operation("get", "/companies");
            listCompanies.findElement(By.cssSelector(".opblock-summary-control")).click();
            wait.until(d -> !listCompanies.findElements(By.cssSelector(".try-out__btn")).isEmpty());
            listCompanies.findElement(By.cssSelector(".try-out__btn")).click();
            wait.until(d -> !listCompanies.findElements(By.cssSelector(".btn.execute")).isEmpty());
            listCompanies.findElement(By.cssSelector(".btn.execute")).click();

            By liveResponse = By.cssSelector(".live-responses-table tr.response");
            wait.until(d -> !listCompanies.findElements(liveResponse).isEmpty());
            WebElement response = listCompanies.findElement(liveResponse);
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", response);
            assertThat(response.findElement(By.cssSelector(".response-col_status")).getText().trim()).isEqualTo("200");
            assertThat(response.findElement(By.cssSelector(".response-col_description")).getText()).contains("\"items\"");
            assertThat(listCompanies.findElement(By.cssSelector(".request-url")).getText())
                    .contains(runner.baseUrl() + "/companies?");
            assertThat(listCompanies.findElement(By.cssSelector(".curl-command")).getText())
                    .as("the pasted token is sent").contains("Authorization: Bearer ey");
        } finally {
            screenshot();
        }
    }

    /** Each operation as "GET /companies", as Swagger UI lists it (an operation under two tags counts once). */
    private static Set<String> listedOperations() {
        Set<String> listed = new TreeSet<>();
        for (WebElement block : browser.findElements(By.cssSelector(".opblock"))) {
            String method = block.findElement(By.cssSelector(".opblock-summary-method")).getText().trim();
            String path = block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path");
            listed.add(method + " " + path);
        }
        return listed;
    }

    private static Set<String> contractOperations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(DocsPageIT.openApiPath().toFile());
        Set<String> operations = new TreeSet<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (METHODS.contains(key)) operations.add(key.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
        }));
        assertThat(operations).as("the contract's operations").hasSizeGreaterThanOrEqualTo(20);
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesLoaded() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name);");
    }

    /**
     * The Authorize button, the token pasted into the portal JWT's bearer field, its Authorize, Close: as a
     * person does it. The dialog lists every scheme of the contract (the SCIM directory token first), so the
     * field is the one under portalJwt's heading.
     */
    private static void authorize(String token) {
        browser.findElement(By.cssSelector(".scheme-container .btn.authorize")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dialog-ux .auth-container input")));
        WebElement portalJwt = browser.findElements(By.cssSelector(".dialog-ux .auth-container")).stream()
                .filter(scheme -> scheme.findElement(By.tagName("h4")).getText().trim().startsWith("portalJwt"))
                .findFirst().orElseThrow(() -> new AssertionError("no portalJwt scheme in the Authorize dialog"));
        portalJwt.findElement(By.tagName("input")).sendKeys(token);
        portalJwt.findElement(By.cssSelector(".auth-btn-wrapper .btn.authorize")).click();
        wait.until(d -> !portalJwt.findElements(By.cssSelector(".auth-btn-wrapper .btn-done")).isEmpty());
        portalJwt.findElement(By.cssSelector(".auth-btn-wrapper .btn-done")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".dialog-ux")));
    }

    private static WebElement operation(String method, String path) {
        return browser.findElements(By.cssSelector(".opblock-" + method)).stream()
                .filter(block -> path.equals(block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path + " on the page"));
    }

    /** What the page showed at the end, for a person to look at when the test fails. */
    private static void screenshot() throws IOException {
        Path target = Path.of("target", "docs-page.png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
