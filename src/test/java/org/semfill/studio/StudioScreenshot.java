package org.semfill.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.semfill.gan.Dcgan;
import org.semfill.gan.ModelFiles;

/**
 * Takes the README's screenshot of the studio with a trained model (not a test: run it by hand).
 *
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.semfill.studio.StudioScreenshot \
 *       RUN docs/studio.png [held-out index 0] [mask center] [iterations 1000] [restarts 4 | hmc:K]
 * </pre>
 * It also saves a frame from the middle of the search as target/studio-running.png. With {@code hmc:K} it samples
 * K fills by HMC instead and, when they are shown, chooses the second one.
 */
public final class StudioScreenshot {
    private StudioScreenshot() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StudioScreenshot RUN OUT.png [held-out index] [mask] [iterations] [restarts | hmc:K]");
            System.exit(2);
        }
        Path model = Path.of(args[0]), out = Path.of(args[1]);
        int index = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String mask = args.length > 3 ? args[3] : "center";
        String iterations = args.length > 4 ? args[4] : "1000", restarts = args.length > 5 ? args[5] : "4";
        Path profile = Files.createTempDirectory("semfill-studio-chromium");
        String name = model.toAbsolutePath().normalize().getFileName().toString();
        Dcgan gan = ModelFiles.load(model);
        StudioServer.Options options = new StudioServer.Options(0, 16, 1);
        ExampleImages examples = ExampleImages.choose(model, null, gan.config.size(), gan.config.channels(), options.examples());
        System.out.println("examples: " + examples.note());
        try (StudioServer server = StudioServer.start(gan, name, examples, options)) {
            ChromeDriver browser = HeadlessChromium.start(profile, 1400, 1250);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(30));
                browser.get(server.uri().toString());
                wait.until(d -> d.findElements(By.cssSelector("#heldout img")).size() > index);
                browser.findElements(By.cssSelector("#heldout img")).get(index).click();
                browser.findElement(By.cssSelector("#mask-types button[data-mask='" + mask + "']")).click();
                boolean hmc = restarts.startsWith("hmc:");
                if (hmc) new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("approach"))).selectByValue("hmc");
                for (String[] f : hmc ? new String[][] {{"iterations", iterations}, {"fills", restarts.substring(4)}}
                        : new String[][] {{"iterations", iterations}, {"restarts", restarts}}) {
                    browser.findElement(By.id(f[0])).clear();
                    browser.findElement(By.id(f[0])).sendKeys(f[1]);
                }
                browser.findElement(By.id("complete")).click();
                int third = Integer.parseInt(iterations) / 3;
                wait.until(d -> d.findElement(By.id("status")).getText().matches(".*step ([0-9]+) of.*")
                        && Integer.parseInt(d.findElement(By.id("status")).getText().replaceAll(".*step ([0-9]+) of.*", "$1")) >= third);
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "studio-running.png"), browser.getScreenshotAs(OutputType.BYTES));
                wait.until(ExpectedConditions.attributeToBe(By.id("results"), "data-state", "done"));
                if (hmc) {
                    wait.until(d -> d.findElements(By.cssSelector("#fill-views button")).size() > 1);
                    browser.findElements(By.cssSelector("#fill-views button")).get(1).click();
                }
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.write(out, browser.getScreenshotAs(OutputType.BYTES));
                System.out.println(browser.findElement(By.id("status")).getText());
                System.out.println("wrote " + out);
            } finally {
                browser.quit();
            }
        }
    }
}
