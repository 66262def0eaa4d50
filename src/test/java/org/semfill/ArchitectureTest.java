package org.semfill;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The layering of the packages, as each package-info.java states it, checked on the sources: every
 * {@code import org.semfill.X...} line and every fully-qualified {@code org.semfill.X.} reference in code
 * (comments and string literals are ignored, so javadoc links and the reflective class name in
 * {@code KernelProvider} are not dependencies) must name a package that the importing package's rule allows,
 * and the packages must not depend on each other in a cycle.
 *
 * <p>To change the layering, change the package-info.java first, then {@link #ALLOWED} to match.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path ROOT = MAIN.resolve(Path.of("org", "semfill"));

    // The layers, bottom up, to keep the table short: each set is "this layer and everything below it".
    private static final Set<String> CORE = Set.of("internal", "kernels", "tensor", "autograd", "nn", "optim");
    private static final Set<String> BELOW_GAN = union(CORE, Set.of("data", "io", "charts"));
    private static final Set<String> GAN_AND_BELOW = union(BELOW_GAN, Set.of("gan"));
    private static final Set<String> COMPLETION_AND_BELOW = union(GAN_AND_BELOW, Set.of("completion"));

    /**
     * Package (relative to org.semfill) -> the semfill packages it may import, as its package-info.java says.
     * Nobody imports {@code kernels.simd}: {@code KernelProvider} loads it reflectively, by name.
     */
    static final Map<String, Set<String>> ALLOWED = table(
            // "Imports nothing of semfill."
            "internal", Set.of(),
            // "Imports only internal. Nothing here knows about tensors."
            "kernels", Set.of("internal"),
            // "Imports only org.semfill.kernels."
            "kernels.simd", Set.of("kernels"),
            // "Imports internal only."
            "tensor", Set.of("internal"),
            // "Imports internal, kernels and tensor."
            "autograd", Set.of("internal", "kernels", "tensor"),
            // "Imports internal, tensor, autograd."
            "nn", Set.of("internal", "tensor", "autograd"),
            // "Imports kernels and tensor."
            "optim", Set.of("kernels", "tensor"),
            // "Imports only internal (and the JDK's ImageIO / AWT); it knows nothing of tensors."
            "data", Set.of("internal"),
            // "Imports internal and data ... Works on plain arrays: it knows nothing of tensors."
            "io", Set.of("internal", "data"),
            // "Imports only internal of semfill, so training, completion, evaluation and the tutorial can all draw with it."
            "charts", Set.of("internal"),
            // "Imports everything below it (nn, optim, data, io, charts)".
            "gan", BELOW_GAN,
            // "Imports: internal, kernels (the thread pool), gan and below" (charts: "completion ... can draw with it").
            "completion", GAN_AND_BELOW,
            // "Imports: completion and everything completion may import ... only cli and tutorial import it."
            "completion.evaluation", COMPLETION_AND_BELOW,
            // "May use completion (for masks), gan, nn, optim, autograd, tensor, io, data, charts and internal."
            "encoder", COMPLETION_AND_BELOW,
            // "Imports gan and everything below it (data, io, nn, optim, autograd, tensor, kernels, internal), plus charts".
            "quality", GAN_AND_BELOW,
            // "May import: internal, tensor, data, io, gan, completion."
            "studio", Set.of("internal", "tensor", "data", "io", "gan", "completion"),
            // "May import everything below it (charts, completion, quality, gan ... internal)": chapter 5 shows the
            // memorisation check; and reference, whose textbook layers chapters 3 and 4 work through by hand.
            "tutorial", union(COMPLETION_AND_BELOW, Set.of("completion.evaluation", "quality", "encoder", "reference")),
            // "Imports gan, completion and everything below them."
            "bench", COMPLETION_AND_BELOW,
            // "The top: may import every package (but kernels.simd, loaded by name, and reference, read by people)."
            "cli", union(COMPLETION_AND_BELOW, Set.of("completion.evaluation", "quality", "studio", "tutorial", "bench", "encoder")),
            // Textbook layers, read first, checked by the tests against autograd: "Imports nothing of semfill (not even
            // internal): only the JDK." The rule holds whether or not the package exists (it is new).
            "reference", Set.of());

    /**
     * Current violations of the rules above, as (file relative to org/semfill, referenced name). Each is a TODO:
     * fix the source (or change the rule in the package-info and in {@link #ALLOWED}), then delete the entry here.
     * An entry that no longer occurs fails the test, so this list stays the true list.
     */
    static final Set<String> KNOWN_EXCEPTIONS = Set.of();

    /** One use of another semfill package in a source file. */
    record Use(Path file, int line, String fromPackage, String toPackage, String name) {
        String where() {
            return MAIN.resolve(file).toString().replace('\\', '/') + ":" + line;
        }

        String exceptionKey() {
            return exception(ROOT.relativize(MAIN.resolve(file)).toString().replace('\\', '/'), name);
        }
    }

    @Test
    void everyPackageHasARuleAndAPackageInfo() {
        List<String> problems = new ArrayList<>();
        for (String pkg : sourcePackages()) {
            if (!ALLOWED.containsKey(pkg))
                problems.add("package org.semfill." + pkg + " has no rule: add it to ArchitectureTest.ALLOWED "
                        + "(as its package-info.java states)");
            if (!Files.isRegularFile(directory(pkg).resolve("package-info.java")))
                problems.add("package org.semfill." + pkg + " has no package-info.java stating what it may import");
        }
        for (var e : ALLOWED.entrySet())
            for (String to : e.getValue())
                if (!ALLOWED.containsKey(to)) problems.add("rule of " + e.getKey() + " allows unknown package " + to);
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    @Test
    void everyPackageImportsOnlyWhatItsRuleAllows() {
        List<String> violations = new ArrayList<>();
        Set<String> exceptionsSeen = new TreeSet<>();
        for (Use u : uses()) {
            Set<String> allowed = ALLOWED.get(u.fromPackage());
            if (allowed == null) continue; // reported by everyPackageHasARuleAndAPackageInfo
            if (allowed.contains(u.toPackage())) continue;
            if (KNOWN_EXCEPTIONS.contains(u.exceptionKey())) {
                exceptionsSeen.add(u.exceptionKey());
                continue;
            }
            violations.add(u.where() + ": " + u.fromPackage() + " uses " + u.name() + ", but the rule of "
                    + u.fromPackage() + " (its package-info.java) allows only " + describe(allowed));
        }
        for (String e : KNOWN_EXCEPTIONS)
            if (!exceptionsSeen.contains(e))
                violations.add("known exception " + e + " no longer occurs: remove it from ArchitectureTest.KNOWN_EXCEPTIONS");
        if (!violations.isEmpty())
            fail(violations.size() + " import(s) against the package rules:\n" + String.join("\n", violations));
    }

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        Map<String, Set<String>> actual = new TreeMap<>();
        Map<String, Use> example = new LinkedHashMap<>();
        for (Use u : uses()) {
            actual.computeIfAbsent(u.fromPackage(), k -> new TreeSet<>()).add(u.toPackage());
            example.putIfAbsent(u.fromPackage() + " -> " + u.toPackage(), u);
        }
        List<String> cycle = findCycle(actual);
        if (cycle != null) {
            StringBuilder sb = new StringBuilder("packages depend on each other in a cycle: ")
                    .append(String.join(" -> ", cycle));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                Use u = example.get(cycle.get(i) + " -> " + cycle.get(i + 1));
                sb.append("\n  ").append(u.where()).append(": ").append(u.fromPackage()).append(" uses ").append(u.name());
            }
            fail(sb.toString());
        }
    }

    @Test
    void theRulesThemselvesHaveNoCycle() {
        List<String> cycle = findCycle(ALLOWED);
        assertTrue(cycle == null, () -> "ALLOWED permits a cycle: " + String.join(" -> ", cycle));
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

    // ---- helpers ----

    /** A cycle in the graph as [a, b, ..., a], or null. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1 = on the path, 2 = done
        List<String> path = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> c = visit(start, graph, state, path);
            if (c != null) return c;
        }
        return null;
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) return null;
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String to : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> c = visit(to, graph, state, path);
            if (c != null) return c;
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }

    private static String exception(String file, String name) {
        return file + " -> " + name;
    }

    private static String describe(Set<String> allowed) {
        return allowed.isEmpty() ? "no semfill package" : new TreeSet<>(allowed).toString();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return Set.copyOf(all);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> table(Object... packageThenAllowed) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < packageThenAllowed.length; i += 2)
            m.put((String) packageThenAllowed[i], Set.copyOf((Set<String>) packageThenAllowed[i + 1]));
        return java.util.Collections.unmodifiableMap(m);
    }
}
