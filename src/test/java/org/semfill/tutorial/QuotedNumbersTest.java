package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.kernels.KernelProvider;

/**
 * The output a chapter quotes is the output its main class prints: chapters 1 and 2 are run with the seed their
 * text uses (their own default), and every quoted line of program output in the Markdown (a line of a plain
 * fenced block that starts like one of the program's result lines) must be printed, character for character.
 * The numbers were made with the vector kernels (Maven's tests load jdk.incubator.vector, like ./semfill).
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
        assumeTrue("vector".equals(KernelProvider.get().name()),
            "chapter 2's numbers are the vector kernels' (" + KernelProvider.reason() + ")");
        String printed = capture(log -> Chapter2TinyGan.run(dir, Chapter2TinyGan.DEFAULT_SEED, log));
        List<String> quoted = quotedLines(Path.of("tutorials/02-gan-1d.md"),
            "target:", "generated:", "distance from the target", "D(x) at the end:", "losses over the last");
        assertEquals(5, quoted.size(), "chapter 2 should quote the five result lines: " + quoted);
        assertAllPrinted(quoted, printed, "tutorials/02-gan-1d.md");
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
            assertTrue(line.contains("--add-modules jdk.incubator.vector") && line.contains("differ"), line);
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

    private static void assertAllPrinted(List<String> quoted, String printed, String chapter) {
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

    private interface Run {
        void run(PrintStream log);
    }

    private static String capture(Run r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r.run(log);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
