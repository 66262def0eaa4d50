package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the code shown in the tutorial chapters true to the sources.
 *
 * <p>In a chapter, a line {@code <!-- excerpt: src/main/java/.../File.java -->} is followed by a fenced
 * {@code ```java} block. The block is split at lines that are exactly {@code // ...} into runs; every run must appear
 * in the named file as consecutive lines. Lines are compared with trailing whitespace removed, and a run may be
 * shifted left as a whole: the common leading indentation is removed from the run and from the file lines it is
 * compared with. The line just before the marker must link to the same file ({@code ](../PATH)}).
 */
class ChapterExcerptsTest {
    private static final Path CHAPTERS = Path.of("tutorials");
    private static final Pattern MARKER = Pattern.compile("^<!-- excerpt: (\\S+) -->\\s*$");
    private static final String ELISION = "// ...";
    private static final int MIN_LINES = 5, MAX_LINES = 25;

    /** One excerpt: where its marker is, what file it names, and its code lines. */
    record Excerpt(String chapter, int markerLine, String path, List<String> code) {}

    @TestFactory
    Stream<DynamicTest> everyExcerptMatchesItsSource() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path chapter : chapters()) {
            for (Excerpt e : excerpts(chapter))
                tests.add(DynamicTest.dynamicTest(e.chapter() + ":" + e.markerLine() + " " + e.path(), () -> check(e)));
        }
        return tests.stream();
    }

    @Test
    void everyChapterShowsCode() throws IOException {
        List<Path> chapters = chapters();
        assertEquals(5, chapters.size(), "expected tutorials/01..05*.md, found " + chapters);
        for (Path chapter : chapters)
            assertFalse(excerpts(chapter).isEmpty(), "tutorials/" + chapter.getFileName()
                    + " shows no code: add at least one <!-- excerpt: PATH --> marker followed by a ```java block");
    }

    @Test
    void aChangedLineIsCaught() {
        List<String> source = List.of("class A {", "    int f(int x) {", "        return x + 1;", "    }", "}");
        assertEquals(-1, firstMismatch(List.of("int f(int x) {", "    return x + 1;", "}"), source));
        assertEquals(1, firstMismatch(List.of("int f(int x) {", "    return x + 2;", "}"), source));
        assertEquals(0, firstMismatch(List.of("int g(int x) {"), source));
        // an excerpt indented differently line by line does not match
        assertEquals(1, firstMismatch(List.of("int f(int x) {", "return x + 1;"), source));
    }

    private static List<Path> chapters() throws IOException {
        try (Stream<Path> s = Files.list(CHAPTERS)) {
            return s.filter(p -> p.getFileName().toString().matches("0[1-9]-.*\\.md")).sorted().toList();
        }
    }

    static List<Excerpt> excerpts(Path chapter) throws IOException {
        String name = "tutorials/" + chapter.getFileName();
        List<String> lines = Files.readAllLines(chapter);
        List<Excerpt> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (!m.matches()) continue;
            String path = m.group(1);
            int fence = i + 1;
            while (fence < lines.size() && lines.get(fence).isBlank()) fence++;
            if (fence >= lines.size() || !lines.get(fence).strip().equals("```java"))
                fail(name + ":" + (i + 1) + ": the excerpt marker for " + path + " must be followed by a ```java block");
            int end = fence + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) end++;
            if (end >= lines.size()) fail(name + ":" + (fence + 1) + ": unclosed ```java block for " + path);
            int link = i - 1;
            while (link >= 0 && lines.get(link).isBlank()) link--;
            if (link < 0 || !lines.get(link).contains("](../" + path + ")"))
                fail(name + ":" + (i + 1) + ": the line before the excerpt marker must link to ../" + path);
            out.add(new Excerpt(name, i + 1, path, lines.subList(fence + 1, end)));
        }
        return out;
    }

    private static void check(Excerpt e) throws IOException {
        Path source = Path.of(e.path());
        assertTrue(Files.isRegularFile(source), e.chapter() + ":" + e.markerLine() + ": the excerpt names " + e.path()
                + ", which does not exist: update or remove the excerpt");
        int n = e.code().size();
        assertTrue(n >= MIN_LINES && n <= MAX_LINES, e.chapter() + ":" + e.markerLine() + ": the excerpt of "
                + e.path() + " has " + n + " lines, keep it between " + MIN_LINES + " and " + MAX_LINES);
        List<String> file = Files.readAllLines(source);
        List<List<String>> runs = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : e.code()) {
            if (line.strip().equals(ELISION)) {
                runs.add(run);
                run = new ArrayList<>();
            } else {
                run.add(line);
            }
        }
        runs.add(run);
        for (List<String> r : runs) {
            assertFalse(r.stream().allMatch(String::isBlank), e.chapter() + ":" + e.markerLine()
                    + ": empty run around a '// ...' line in the excerpt of " + e.path());
            int bad = firstMismatch(r, file);
            if (bad >= 0)
                fail(e.chapter() + ": the excerpt of " + e.path() + " (marker on line " + e.markerLine()
                        + ") no longer matches the source; first line not found in order:\n    " + r.get(bad).strip()
                        + "\nUpdate the excerpt: copy the current lines from " + e.path() + ".");
        }
    }

    /**
     * -1 when {@code run} appears in {@code file} as consecutive lines (modulo trailing whitespace and a common
     * indentation), otherwise the index of the first run line that ends the longest prefix found in the file.
     */
    static int firstMismatch(List<String> run, List<String> file) {
        if (matches(run, file)) return -1;
        int len = run.size() - 1;
        while (len > 0 && !matches(run.subList(0, len), file)) len--;
        return len;
    }

    private static boolean matches(List<String> run, List<String> file) {
        List<String> want = dedent(run);
        for (int start = 0; start + want.size() <= file.size(); start++) {
            if (want.equals(dedent(file.subList(start, start + want.size())))) return true;
        }
        return false;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (l.isBlank()) continue;
            int k = 0;
            while (k < l.length() && l.charAt(k) == ' ') k++;
            indent = Math.min(indent, k);
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String t = l.stripTrailing();
            out.add(t.isEmpty() ? "" : t.substring(Math.min(indent, t.length())));
        }
        return out;
    }
}
