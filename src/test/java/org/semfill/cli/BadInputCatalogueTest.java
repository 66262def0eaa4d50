package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;

/**
 * The catalogue of bad inputs: one row per case in {@code src/test/resources/bad-input-catalogue.csv} (arguments,
 * exit code, a phrase the message must contain, files that must stay unchanged). Each row runs {@link Main#run}
 * and checks: the exit code, that stderr holds the phrase, that a failure says one line and no stack trace, and
 * that the listed files (or whole folders) have the same checksum afterwards. A new case is one new line.
 * The first line of each row's stderr is collected in target/bad-input-catalogue.md.
 */
class BadInputCatalogueTest {
    @TempDir
    static Path tmp;
    static BadInputFixtures fixtures;
    static final Map<String, String> seen = new LinkedHashMap<>();
    static int threads;

    @BeforeAll
    static void build() throws IOException {
        threads = Parallel.threads();
        fixtures = new BadInputFixtures(tmp);
    }

    @AfterAll
    static void writeTable() throws IOException {
        Parallel.setThreads(threads);
        KernelProvider.select("auto");
        StringBuilder md = new StringBuilder("| case | exit | first line of stderr |\n|---|---|---|\n");
        seen.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Path file = Path.of("target", "bad-input-catalogue.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString().replace(tmp.toString(), "TMP"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/bad-input-catalogue.csv", delimiter = '|')
    void badInputEndsWithOneClearLine(String name, String args, int exit, String phrase, String unchanged) {
        String[] argv = Stream.of(args.trim().split(" +")).map(fixtures::expand).toArray(String[]::new);
        List<Path> kept = new ArrayList<>();
        if (unchanged != null) for (String u : unchanged.trim().split(" +")) kept.add(Path.of(fixtures.expand(u)));
        List<String> before = kept.stream().map(BadInputCatalogueTest::checksum).toList();

        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        long start = System.nanoTime();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(argv);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String e = err.toString(StandardCharsets.UTF_8).strip();
        String first = e.lines().filter(l -> l.startsWith("semfill:")).findFirst().orElse(e.lines().findFirst().orElse(""));
        seen.put(name, code + " | " + first.replace("|", "\\|"));

        String context = name + ": " + String.join(" ", argv) + "\nstderr: " + e + "\nstdout: " + out;
        assertEquals(exit, code, context);
        if (phrase != null) assertTrue(e.contains(fixtures.expand(phrase.trim())), context);
        assertFalse(e.contains("\tat "), "no stack trace without --debug: " + context);
        if (code != 0) assertEquals(1, e.lines().filter(l -> l.startsWith("semfill:")).count(), "one line: " + context);
        for (int i = 0; i < kept.size(); i++) assertEquals(before.get(i), checksum(kept.get(i)), kept.get(i) + " changed: " + context);
        assertTrue(seconds < 10, name + " took " + seconds + " s");
    }

    /** SHA-256 of a file, or of a folder's relative paths and contents (so a folder is "unchanged" as a whole). */
    static String checksum(Path p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path f : all.sorted().toList()) {
                        md.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        if (Files.isRegularFile(f)) md.update(Files.readAllBytes(f));
                    }
                }
            } else if (Files.exists(p)) {
                md.update(Files.readAllBytes(p));
            } else {
                md.update("missing".getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
