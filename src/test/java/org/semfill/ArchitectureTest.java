package org.semfill;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the packages, as the table "The layers" of docs/architecture.md states it, checked on the
 * sources. Each row of that fenced block, {@code pkg -> a, b, c} (or {@code pkg, other -> ...}; text in
 * parentheses is a remark), names the semfill packages {@code pkg} uses directly, top row first. The real uses
 * are every {@code import org.semfill.X...} line and every fully-qualified {@code org.semfill.X.} reference in code
 * (comments and string literals are ignored, so javadoc links and the reflective class name in
 * {@code KernelProvider} are not uses). The table must be exactly the real uses: a use the row does not list fails,
 * and so does a listed package that is no longer used. Every package uses only packages on rows below its own, so
 * the packages form layers without cycles.
 *
 * <p>To change the layering, change the row in docs/architecture.md together with the code.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path ROOT = MAIN.resolve(Path.of("org", "semfill"));
    private static final Path DOC = Path.of("docs", "architecture.md");

    /** One row of the table: the packages on its left, the packages they use, and the row as written. */
    record Row(List<String> packages, Set<String> uses, String text) {}

    /** One use of another semfill package in a source file. */
    record Use(Path file, int line, String fromPackage, String toPackage, String name) {
        String where() {
            return MAIN.resolve(file).toString().replace('\\', '/') + ":" + line;
        }
    }

    @Test
    void everyPackageHasARowAndAPackageInfo() {
        List<String> problems = new ArrayList<>();
        Map<String, Row> rows = rowsByPackage(documentedRows());
        Set<String> packages = sourcePackages();
        for (String pkg : packages) {
            if (!rows.containsKey(pkg))
                problems.add("package org.semfill." + pkg + " has no row in the table of " + DOC + ": add one");
            if (!Files.isRegularFile(directory(pkg).resolve("package-info.java")))
                problems.add("package org.semfill." + pkg + " has no package-info.java");
        }
        for (Row row : documentedRows()) {
            for (String pkg : row.packages())
                if (!packages.contains(pkg)) problems.add(DOC + " row \"" + row.text() + "\": no package org.semfill." + pkg);
            for (String to : row.uses())
                if (!packages.contains(to)) problems.add(DOC + " row \"" + row.text() + "\" names unknown package " + to);
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    @Test
    void theTableIsTheRealImportGraph() {
        Map<String, Row> rows = rowsByPackage(documentedRows());
        Map<String, Map<String, Use>> actual = new TreeMap<>(); // package -> used package -> first use
        for (Use u : uses())
            actual.computeIfAbsent(u.fromPackage(), k -> new TreeMap<>()).putIfAbsent(u.toPackage(), u);
        List<String> problems = new ArrayList<>();
        for (var e : rows.entrySet()) {
            String pkg = e.getKey();
            Row row = e.getValue();
            Map<String, Use> used = actual.getOrDefault(pkg, Map.of());
            for (var u : used.entrySet())
                if (!row.uses().contains(u.getKey()))
                    problems.add(DOC + " row \"" + row.text() + "\": " + pkg + " uses " + u.getKey() + ", which the row does not list ("
                            + u.getValue().where() + ": " + u.getValue().name() + ")");
            for (String to : new TreeSet<>(row.uses()))
                if (!used.containsKey(to))
                    problems.add(DOC + " row \"" + row.text() + "\": lists " + to + ", but " + pkg + " does not use it");
        }
        if (!problems.isEmpty())
            fail(problems.size() + " difference(s) between the table and the code:\n" + String.join("\n", problems));
    }

    @Test
    void everyRowUsesOnlyRowsBelowIt() {
        List<Row> rows = documentedRows();
        List<String> problems = new ArrayList<>();
        Set<String> below = new TreeSet<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row row = rows.get(i);
            for (String to : new TreeSet<>(row.uses()))
                if (!below.contains(to)) problems.add(DOC + " row \"" + row.text() + "\" uses " + to + ", which is not on a row below it");
            below.addAll(row.packages());
        }
        if (!problems.isEmpty()) fail("the table is not in layers:\n" + String.join("\n", problems));
    }

    /** kernels.simd is reached only by name, so its package-info is the map of it: it names every class. */
    @Test
    void theVectorPackageInfoNamesEveryClass() {
        Path dir = directory("kernels.simd");
        String info = read(dir.resolve("package-info.java"));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".java") && !f.equals("package-info.java"))
                    .map(f -> f.substring(0, f.length() - ".java".length())).sorted()
                    .filter(name -> !Pattern.compile("\\b" + name + "\\b").matcher(info).find()).forEach(missing::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(missing.isEmpty(), () -> dir.resolve("package-info.java") + " does not name " + missing);
    }

    /**
     * The document answers "where does X live" by naming classes and their methods in backticks ({@code Trainer},
     * {@code gan/RunDirectory.startTraining}, {@code KernelProvider.get()}): every such name must still exist, in the
     * package it names when it names one, so a rename cannot leave the map pointing nowhere.
     */
    @Test
    void everyClassAndMethodTheDocumentNamesExists() {
        Map<String, List<Path>> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> classes.computeIfAbsent(f.getFileName().toString().replace(".java", ""), k -> new ArrayList<>()).add(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = NAMED_CODE.matcher(read(DOC));
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String pkg = m.group(1), cls = m.group(2), member = m.group(3);
            if (m.group().endsWith(".java`")) {
                if (!Files.isRegularFile(Path.of(m.group().replace("`", "")))) missing.add(m.group());
                continue;
            }
            List<Path> found = classes.getOrDefault(cls, List.of()).stream()
                    .filter(f -> pkg == null || ROOT.relativize(f.getParent()).toString().replace('\\', '/').equals(pkg))
                    .filter(f -> member == null || Pattern.compile("\\b" + member + "\\b").matcher(read(f)).find())
                    .toList();
            if (found.isEmpty()) missing.add(m.group());
        }
        assertTrue(missing.isEmpty(), () -> DOC + " names what the sources do not have: " + missing);
    }

    /** A backticked class name, optionally with its package folder ({@code gan/}) and one member ({@code .run}, {@code .get()}). */
    private static final Pattern NAMED_CODE =
            Pattern.compile("`(?:([a-z]+(?:/[a-z]+)*)/)?([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:\\.([a-z][A-Za-z0-9]*|[A-Z][A-Za-z0-9]*))?(?:\\(\\))?`");

    // ---- reading the table ----

    private static final Pattern REMARK = Pattern.compile("\\([^)]*\\)");

    /** The rows of the first fenced block after the heading "## The layers", top row first. */
    static List<Row> documentedRows() {
        assertTrue(Files.isRegularFile(DOC), () -> "run from the project folder: no " + DOC.toAbsolutePath());
        List<String> lines = read(DOC).lines().toList();
        int heading = lines.indexOf("## The layers");
        assertTrue(heading >= 0, () -> DOC + " has no heading \"## The layers\"");
        int open = heading + 1;
        while (open < lines.size() && !lines.get(open).startsWith("```")) open++;
        assertTrue(open < lines.size(), () -> DOC + " has no fenced table under \"## The layers\"");
        List<Row> rows = new ArrayList<>();
        for (int i = open + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String text = lines.get(i).strip().replaceAll("\\s+", " ");
            if (text.isEmpty()) continue;
            String[] sides = text.split("->", -1);
            assertTrue(sides.length == 2, () -> DOC + ": a row is \"pkg -> a, b, c\", not \"" + text + "\"");
            rows.add(new Row(names(sides[0]), new LinkedHashSet<>(names(REMARK.matcher(sides[1]).replaceAll(""))), text));
        }
        return rows;
    }

    private static List<String> names(String commaSeparated) {
        return Stream.of(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Row> rowsByPackage(List<Row> rows) {
        Map<String, Row> byPackage = new TreeMap<>();
        for (Row row : rows)
            for (String pkg : row.packages())
                if (byPackage.put(pkg, row) != null) fail(DOC + ": package " + pkg + " has two rows");
        return byPackage;
    }

    // ---- reading the sources ----

    /** References to another semfill package: lower-case segments after org.semfill, then a class name or '*'. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\borg\\s*\\.\\s*semfill((?:\\s*\\.\\s*[a-z_][a-z0-9_]*)+)(?:\\s*\\.\\s*([A-Z_$][\\w$]*|\\*))?");
    private static final Pattern PACKAGE_DECLARATION = Pattern.compile("^\\s*package\\s+org\\.semfill\\.([\\w.]+)\\s*;",
            Pattern.MULTILINE);

    private static List<Use> uses() {
        List<Use> uses = new ArrayList<>();
        for (Path file : javaFiles()) {
            String code = stripCommentsAndLiterals(read(file));
            String pkg = packageOf(file, code);
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String to = m.group(1).replaceAll("\\s", "").substring(1);
                if (to.equals(pkg)) continue;
                if (m.start() > 0 && lineStart(code, m.start()).matches("\\s*package\\s+")) continue;
                String name = "org.semfill." + to + (m.group(2) != null ? "." + m.group(2) : "");
                uses.add(new Use(MAIN.relativize(file), lineOf(code, m.start()), pkg, to, name));
            }
        }
        return uses;
    }

    private static String lineStart(String code, int at) {
        int nl = code.lastIndexOf('\n', at - 1);
        return code.substring(nl + 1, at);
    }

    private static String packageOf(Path file, String code) {
        Matcher m = PACKAGE_DECLARATION.matcher(code);
        if (m.find()) return m.group(1);
        return ROOT.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static List<Path> javaFiles() {
        assertTrue(Files.isDirectory(ROOT), () -> "run from the project folder: no " + ROOT.toAbsolutePath());
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packages that hold at least one .java file (package-info.java included). */
    private static Set<String> sourcePackages() {
        Set<String> pkgs = new TreeSet<>();
        for (Path f : javaFiles()) {
            if (f.getParent().equals(ROOT)) continue;
            pkgs.add(ROOT.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."));
        }
        return pkgs;
    }

    private static Path directory(String pkg) {
        return ROOT.resolve(pkg.replace(".", ROOT.getFileSystem().getSeparator()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int lineOf(String s, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (s.charAt(i) == '\n') line++;
        return line;
    }

    /**
     * The source with comments, string literals (text blocks too) and char literals blanked out; line breaks are
     * kept so line numbers stay right.
     */
    static String stripCommentsAndLiterals(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            char next = i + 1 < n ? src.charAt(i + 1) : '\0';
            int end;
            if (c == '/' && next == '/') {
                end = src.indexOf('\n', i);
                if (end < 0) end = n;
            } else if (c == '/' && next == '*') {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) end += src.charAt(end) == '\\' ? 2 : 1;
                end = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') end += src.charAt(end) == '\\' ? 2 : 1;
                end = Math.min(n, end + 1);
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) out.append(src.charAt(k) == '\n' ? '\n' : ' ');
            i = end;
        }
        return out.toString();
    }
}
