package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;

/**
 * The studio in a real browser: headless Chromium loads the page, refuses a bad upload with a message, takes a
 * good one, paints a stroke on the canvas, runs a short completion and shows the result, which is then
 * downloaded. The screenshot is saved as target/studio-screenshot.png. Skipped (with the reason) only where
 * Debian's chromium and chromium-driver are not installed.
 */
class StudioBrowserTest {
    static final Path SCREENSHOT = Path.of("target", "studio-screenshot.png");
    static final Path ERROR_SCREENSHOT = Path.of("target", "studio-upload-error.png");

    @Test
    void uploadPaintCompleteAndDownloadInHeadlessChromium(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "no browser: " + HeadlessChromium.BROWSER + " and " + HeadlessChromium.DRIVER
                + " are needed (apt-get install chromium chromium-driver); skipping the studio's browser test");
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        ModelFiles.save(StudioFixtures.tinyGan(), modelDir);
        Dcgan gan = ModelFiles.load(modelDir);
        Path picture = dir.resolve("picture.png"), notAnImage = dir.resolve("notes.png"), huge = dir.resolve("huge.png");
        Files.write(picture, StudioFixtures.picture(64, 48, "png"));
        Files.writeString(notAnImage, "shopping list: milk, eggs\n");
        Files.write(huge, new byte[StudioServer.MAX_UPLOAD_BYTES + 1]);

        try (StudioServer server = StudioServer.start(gan, "tiny-test-model", StudioFixtures.garments(4), new StudioServer.Options(0, 4, 5))) {
            ChromeDriver browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("profile")), 1400, 1250);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
                browser.get(server.uri().toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-info"), "28 x 28"));
                wait.until(d -> d.findElements(By.cssSelector("#heldout img")).size() == 4);

                WebElement upload = browser.findElement(By.id("upload"));
                WebElement message = browser.findElement(By.id("message"));
                upload.sendKeys(notAnImage.toAbsolutePath().toString());
                wait.until(ExpectedConditions.visibilityOf(message));
                assertTrue(message.getText().contains("not an image"), message.getText());
                upload.sendKeys(huge.toAbsolutePath().toString());
                wait.until(ExpectedConditions.textToBePresentInElement(message, "too large"));
                Files.write(ERROR_SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

                upload.sendKeys(picture.toAbsolutePath().toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload-note"), "64 x 48"));
                wait.until(ExpectedConditions.invisibilityOf(message));

                browser.findElement(By.id("clear")).click();
                assertEquals(0L, holes(browser));
                WebElement canvas = browser.findElement(By.id("paint"));
                int w = canvas.getSize().getWidth();
                new Actions(browser).moveToElement(canvas, -w / 4, 0).clickAndHold()
                        .moveByOffset(w / 8, 10).moveByOffset(w / 8, 10).moveByOffset(w / 8, -10).release().perform();
                long painted = holes(browser);
                assertTrue(painted > 20, "the stroke should paint a hole of some pixels, painted " + painted);

                setNumber(browser, "iterations", "30");
                setNumber(browser, "restarts", "2");
                browser.findElement(By.id("complete")).click();
                wait.until(ExpectedConditions.attributeToBe(By.id("results"), "data-state", "done"));

                String src = browser.findElement(By.id("result")).getAttribute("src");
                assertTrue(src.startsWith("data:image/png;base64,"), src);
                BufferedImage shown = StudioFixtures.decode(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)));
                assertEquals(28, shown.getWidth());
                List<WebElement> restarts = browser.findElements(By.cssSelector("#restart-views img"));
                assertEquals(2, restarts.size());
                for (WebElement r : restarts) assertTrue(r.getAttribute("src").startsWith("data:image/png"));
                assertTrue(browser.findElement(By.id("status")).getText().contains("step 30 of 30"));

                WebElement download = browser.findElement(By.id("download"));
                assertTrue(download.isDisplayed());
                HttpResponse<byte[]> file = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(java.net.URI.create(download.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, file.statusCode());
                BufferedImage result = StudioFixtures.decode(file.body());
                assertEquals(28, result.getWidth());
                assertEquals(28, result.getHeight());

                Files.createDirectories(SCREENSHOT.getParent());
                Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    static final Path HMC_SCREENSHOT = Path.of("target", "studio-hmc-screenshot.png");

    @Test
    void severalFillsByHmcAreShownAndOneIsChosenByClicking(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "no browser: " + HeadlessChromium.BROWSER + " and " + HeadlessChromium.DRIVER
                + " are needed (apt-get install chromium chromium-driver); skipping the studio's browser test");
        try (StudioServer server = StudioServer.start(StudioFixtures.variedGan(), "tiny-varied", StudioFixtures.garments(4),
                new StudioServer.Options(0, 4, 5))) {
            ChromeDriver browser = HeadlessChromium.start(Files.createDirectories(dir.resolve("profile")), 1400, 1250);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
                browser.get(server.uri().toString());
                wait.until(d -> d.findElements(By.cssSelector("#heldout img")).size() == 4);
                wait.until(d -> holes(browser) > 0); // the first example with the centre mask
                WebElement fills = browser.findElement(By.id("fills")), restarts = browser.findElement(By.id("restarts"));
                assertTrue(restarts.isDisplayed() && !fills.isDisplayed(), "Adam first: restarts, no fills");

                new Select(browser.findElement(By.id("approach"))).selectByValue("hmc");
                assertTrue(fills.isDisplayed() && !restarts.isDisplayed(), "HMC: fills instead of restarts");
                assertEquals("100", browser.findElement(By.id("iterations")).getAttribute("value"), "HMC's own default iterations");
                assertEquals("500", browser.findElement(By.id("iterations")).getAttribute("max"));
                assertTrue(browser.findElement(By.id("hmc-note")).isDisplayed());
                setNumber(browser, "iterations", "5");
                setNumber(browser, "fills", "3");
                browser.findElement(By.id("complete")).click();
                wait.until(ExpectedConditions.attributeToBe(By.id("results"), "data-state", "done"));
                wait.until(d -> d.findElements(By.cssSelector("#fill-views button")).size() == 3);
                assertTrue(browser.findElement(By.id("alternatives")).isDisplayed());
                assertEquals(3, browser.findElements(By.cssSelector("#restart-views img")).size(), "every chain's G(z)");
                String status = browser.findElement(By.id("status")).getText();
                assertTrue(status.contains("step 5 of 5") && status.contains("3 fills"), status);
                assertTrue(browser.findElement(By.id("result")).getAttribute("src") == null, "no result before the user chooses");
                assertFalse(browser.findElement(By.id("download")).isDisplayed());

                List<WebElement> choices = browser.findElements(By.cssSelector("#fill-views button"));
                for (int pick : new int[] {1, 2}) {
                    choices.get(pick).click();
                    for (int r = 0; r < 3; r++) {
                        assertEquals(r == pick, choices.get(r).getAttribute("class").contains("chosen"), "fill " + (r + 1) + " after a click on " + (pick + 1));
                        assertEquals(String.valueOf(r == pick), choices.get(r).getAttribute("aria-pressed"));
                    }
                    String chosen = choices.get(pick).findElement(By.tagName("img")).getAttribute("src");
                    assertEquals(chosen, browser.findElement(By.id("result")).getAttribute("src"), "the chosen fill is the result");
                    assertTrue(browser.findElement(By.id("result-caption")).getText().contains("fill " + (pick + 1)));
                    WebElement download = browser.findElement(By.id("download"));
                    assertTrue(download.isDisplayed());
                    assertTrue(download.getAttribute("href").endsWith("/result.png?fill=" + (pick + 1)), download.getAttribute("href"));
                    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(java.net.URI.create(download.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, file.statusCode());
                    assertEquals(chosen, "data:image/png;base64," + Base64.getEncoder().encodeToString(file.body()));
                }
                String first = choices.get(0).findElement(By.tagName("img")).getAttribute("src");
                assertFalse(first.equals(choices.get(1).findElement(By.tagName("img")).getAttribute("src")), "the fills differ");
                Files.createDirectories(HMC_SCREENSHOT.getParent());
                Files.write(HMC_SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

                new Select(browser.findElement(By.id("approach"))).selectByValue("adam");
                assertTrue(restarts.isDisplayed() && !fills.isDisplayed());
                assertEquals("500", browser.findElement(By.id("iterations")).getAttribute("value"), "Adam's iterations come back");
            } finally {
                browser.quit();
            }
        }
    }

    /** How many pixels of the page's mask are in the hole. */
    private static long holes(ChromeDriver browser) {
        return (Long) browser.executeScript("return state.known.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);");
    }

    private static void setNumber(ChromeDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
