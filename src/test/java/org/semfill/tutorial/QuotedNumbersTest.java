package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.kernels.KernelProvider;

/**
 * The output a chapter quotes is the output its main class prints: chapters 1 and 2 are run with the seed their
 * text uses (their own default), and every quoted line of program output in the Markdown (a line of a plain
 * fenced block that starts like one of the program's result lines) must be printed, character for character.
 * The same seed gives the same bits with either kernels, any thread count and any JDK, so these checks hold anywhere.
 */
class QuotedNumbersTest {

    @Test
    void chapter1QuotesWhatItPrints(@TempDir Path dir) throws IOException {
        String printed = capture(log -> Chapter1Distributions.run(dir, Chapter1Distributions.DEFAULT_SEED, log));
        List<String> quoted = quotedLines(Path.of("tutorials/01-distributions.md"), "most likely y on ");
        assertEquals(2, quoted.size(), "chapter 1 should quote both 'most likely y' lines: " + quoted);
        assertAllPrinted(quoted, printed, "tutorials/01-distributions.md");
    }

    @Test
    void chapter2QuotesWhatItPrints(@TempDir Path dir) throws IOException {
        String printed = capture(log -> Chapter2TinyGan.run(dir, Chapter2TinyGan.DEFAULT_SEED, log));
        List<String> quoted = quotedLines(Path.of("tutorials/02-gan-1d.md"),
            "target:", "generated:", "distance from the target", "D(x) at the end:", "losses over the last");
        assertEquals(5, quoted.size(), "chapter 2 should quote the five result lines: " + quoted);
        assertAllPrinted(quoted, printed, "tutorials/02-gan-1d.md");
    }

    /**
     * Chapter 2's "Another seed" exercise quotes numbers of a second run in its prose: the share on the left bump
     * after 1000 steps (the chart's panel title), and at the end the share on the left, the distance and the D loss.
     * The seed is read from the exercise's command line, and each number must be what the program prints.
     */
    @Test
    void chapter2SeedExerciseQuotesWhatItPrints() throws IOException {
        String md = String.join("\n", Files.readAllLines(Path.of("tutorials/02-gan-1d.md"), StandardCharsets.UTF_8));
        Matcher bullet = Pattern.compile("(?s)\\n- Another seed:(.*?)\\n(?:- |\\n)").matcher(md);
        assertTrue(bullet.find(), "chapter 2 should have the 'Another seed' exercise");
        String text = bullet.group(1).replaceAll("\\s+", " ");
        long seed = Long.parseLong(group(text, "--seed (\\d+)"));
        String leftAt1000 = group(text, "after 1000 steps only (\\d+) % of the samples are on the left bump");
        String leftAtEnd = group(text, "(\\d+\\.\\d) % on the left");
        String distance = group(text, "distance (\\d\\.\\d{3})");
        String dLoss = group(text, "D loss (\\d\\.\\d{3})");

        TinyGanRun run = Chapter2TinyGan.train(seed, null);
        String printed = capture(log -> Chapter2TinyGan.printNumbers(run, log));
        TinyGanRun.Snapshot at1000 = run.snapshots().stream().filter(s -> s.step() == 1000).findFirst().orElseThrow();
        double left = SampleStats.of(at1000.samples(), run.config().target()).modeFraction()[0];
        assertEquals(leftAt1000, NumberText.fixed(100 * left, 0), "share on the left after 1000 steps, seed " + seed);
        assertTrue(printed.contains("near -2: " + leftAtEnd + "% "), "share on the left " + leftAtEnd + "%:\n" + printed);
        assertTrue(printed.contains("]): " + distance + "  ("), "distance " + distance + ":\n" + printed);
        assertTrue(printed.contains("losses over the last 200 steps: D " + dLoss + " "), "D loss " + dLoss + ":\n" + printed);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "'" + regex + "' not found in: " + text);
        return m.group(1);
    }

    /**
     * The worked examples of chapters 3 and 4 quote whole blocks of {@link ConvolutionByHand}'s output: a line
     * {@value #BY_HAND} is followed by a plain fenced block whose lines must be printed, in order and one after
     * another, character for character (trailing spaces aside). Pure reference arithmetic: any kernels, any machine.
     */
    @Test
    void chapters3And4QuoteTheWorkedExamplesAsPrinted(@TempDir Path dir) throws IOException {
        String printed = capture(log -> ConvolutionByHand.run(dir, log));
        List<String> lines = Arrays.stream(printed.split("\\R")).map(String::stripTrailing).toList();
        int blocks = 0;
        for (String chapter : List.of("tutorials/03-dcgan.md", "tutorials/04-completion.md")) {
            for (List<String> block : outputBlocks(Files.readAllLines(Path.of(chapter), StandardCharsets.UTF_8), BY_HAND)) {
                assertTrue(Collections.indexOfSubList(lines, block) >= 0,
                    chapter + " quotes\n" + String.join("\n", block) + "\nbut ConvolutionByHand printed\n" + printed);
                blocks++;
            }
        }
        assertEquals(4, blocks, "chapter 3 quotes the convolution, the transposed convolution and batch norm, chapter 4 the backward");
    }

    @Test
    void outputBlocksFollowTheirMarker() {
        List<String> md = List.of("text", BY_HAND, "", "```", "a  ", "  b", "```", "```", "c", "```");
        assertEquals(List.of(List.of("a", "  b")), outputBlocks(md, BY_HAND));
    }

    @Test
    void everyMainSaysWhichKernelsRun() {
        String line = Chapter.kernelsLine();
        assertTrue(line.startsWith("kernels: " + KernelProvider.get().name()), line);
        if (!KernelProvider.vectorAvailable())
            assertTrue(line.contains("--add-modules jdk.incubator.vector") && line.contains("same numbers"), line);
    }

    @Test
    void tutorialHelpGivesTheChaptersOwnSeeds() {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(0, org.semfill.cli.Main.run("tutorial", "--help"));
        } finally {
            System.setOut(out);
        }
        String help = bytes.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertFalse(help.contains("(default: 1)"), help);
        for (Chapter c : Chapters.all())
            assertTrue(help.contains("chapter " + c.number() + ": " + c.seed()), help);
    }

    @Test
    void quotedLinesAreFoundOnlyInPlainFencedBlocks() {
        List<String> md = List.of("text: not quoted", "```", "target: a", "```", "```java", "target: b", "```");
        assertEquals(List.of("target: a"), quotedLines(md, "target:"));
    }

    static void assertAllPrinted(List<String> quoted, String printed, String chapter) {
        List<String> lines = Arrays.asList(printed.split("\\R"));
        for (String q : quoted)
            assertTrue(lines.stream().anyMatch(l -> l.strip().equals(q.strip())),
                chapter + " quotes\n  " + q + "\nbut the program printed\n" + printed);
    }

    /** The lines of plain (no language) fenced blocks of a chapter that start with one of {@code prefixes}. */
    static List<String> quotedLines(Path chapter, String... prefixes) throws IOException {
        return quotedLines(Files.readAllLines(chapter, StandardCharsets.UTF_8), prefixes);
    }

    static List<String> quotedLines(List<String> md, String... prefixes) {
        List<String> out = new ArrayList<>();
        boolean inPlain = false, inOther = false;
        for (String line : md) {
            String t = line.strip();
            if (t.startsWith("```")) {
                if (inPlain || inOther) inPlain = inOther = false;
                else if (t.equals("```")) inPlain = true;
                else inOther = true;
                continue;
            }
            if (!inPlain) continue;
            for (String p : prefixes) if (t.startsWith(p)) out.add(t);
        }
        assertFalse(out.stream().anyMatch(String::isEmpty));
        return out;
    }

    private static final String BY_HAND = "<!-- output: org.semfill.tutorial.ConvolutionByHand -->";

    /** The plain fenced blocks right after each {@code marker} line (trailing spaces removed). */
    static List<List<String>> outputBlocks(List<String> md, String marker) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < md.size(); i++) {
            if (!md.get(i).strip().equals(marker)) continue;
            int fence = i + 1;
            while (fence < md.size() && md.get(fence).isBlank()) fence++;
            assertTrue(fence < md.size() && md.get(fence).strip().equals("```"),
                "line " + (i + 1) + ": " + marker + " must be followed by a plain ``` block");
            List<String> block = new ArrayList<>();
            int end = fence + 1;
            for (; end < md.size() && !md.get(end).strip().equals("```"); end++) block.add(md.get(end).stripTrailing());
            assertTrue(end < md.size(), "line " + (fence + 1) + ": unclosed ``` block after " + marker);
            assertFalse(block.isEmpty(), "line " + (fence + 1) + ": empty block after " + marker);
            out.add(block);
        }
        return out;
    }

    interface Run {
        void run(PrintStream log);
    }

    static String capture(Run r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r.run(log);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
