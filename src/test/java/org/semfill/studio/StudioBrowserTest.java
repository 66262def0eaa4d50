package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
