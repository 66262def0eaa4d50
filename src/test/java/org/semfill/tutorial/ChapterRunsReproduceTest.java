package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.semfill.tutorial.QuotedNumbersTest.assertAllPrinted;
import static org.semfill.tutorial.QuotedNumbersTest.capture;
import static org.semfill.tutorial.QuotedNumbersTest.quotedLines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapters 3 and 4 run whole, with their own seeds, into a temporary folder (about a minute on 2 cores), and every
 * result line the chapters quote must be what the programs print: chapter 3's losses, spikes and model fingerprint,
 * chapter 4's search, seam, mask and evaluation lines. The same seed gives the same bits on any machine, so a learner's
 * run prints these lines too, whatever the thread count, kernels or JDK.
 */
class ChapterRunsReproduceTest {

    @Test
    void chaptersThreeAndFourPrintWhatTheyQuote(@TempDir Path dir) throws IOException {
        Path run3 = dir.resolve("runs/tutorial-3");
        String printed3 = capture(log -> Chapter3Dcgan.run(dir.resolve("charts"), run3, Chapter3Dcgan.DEFAULT_EPOCHS, 1, log));
        List<String> quoted3 = quotedLines(Path.of("tutorials/03-dcgan.md"), "first step:", "mean from step", "largest G losses:",
                "model fingerprint");
        assertEquals(4, quoted3.size(), "chapter 3 should quote its four summary lines: " + quoted3);
        assertAllPrinted(quoted3, printed3, "tutorials/03-dcgan.md");

        String printed4 = capture(log -> Chapter4Completion.run(dir.resolve("charts"), run3, dir.resolve("runs/tutorial-4"),
                Chapter4Completion.DEFAULT_IMAGES, Chapter4Completion.DEFAULT_ITERATIONS, Chapter4Completion.DEFAULT_SEED, log));
        Path chapter4 = Path.of("tutorials/04-completion.md");
        List<String> quoted4 = quotedLines(chapter4, "loss per image:", "seam along", "mask ");
        assertEquals(8, quoted4.size(), "chapter 4 should quote its search, seam and six mask lines: " + quoted4);
        assertAllPrinted(quoted4, printed4, "tutorials/04-completion.md");
        List<String> table = Files.readAllLines(chapter4, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| semfill ") || l.startsWith("| mean fill |") || l.startsWith("| nearest neighbour |")
                        || l.startsWith("| harmonic fill |"))
                .toList();
        assertEquals(5, table.size(), "chapter 4's evaluation table: " + table);
        assertAllPrinted(table, printed4, "tutorials/04-completion.md");
    }
}
