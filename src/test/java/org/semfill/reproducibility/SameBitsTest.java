package org.semfill.reproducibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.semfill.cli.ConsoleTest;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Parallel;

/**
 * The promise "same seed, same bits, on any machine": {@link SameBitsScenario} (a few training steps, then a
 * completion search) gives one SHA-256 on 1, 2, 3 and 8 threads, with the plain and the vector kernels, with 512-,
 * 256- and 128-bit vectors (in other JVMs, one of them with the JIT told to use AVX2 only), and on JDK 25 when it
 * is installed. With {@code --conv winograd} the search has bits of its own, the same on every thread count too.
 */
class SameBitsTest extends ConsoleTest {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    @Test
    void everyThreadCountAndBothKernelPathsGiveTheSameBits() {
        String reference = fingerprint(1, "scalar");
        for (String kernels : kernelsToTry()) {
            for (int threads : new int[] {1, 2, 3, 8}) {
                assertEquals(reference, fingerprint(threads, kernels), kernels + " kernels on " + threads + " threads");
            }
        }
    }

    @Test
    void winogradSearchHasItsOwnBitsTheSameOnEveryThreadCount() {
        String direct = fingerprint(2, kernelsToTry().get(kernelsToTry().size() - 1));
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        String reference = fingerprint(1, "scalar");
        assertNotEquals(direct, reference, "the Winograd plans ran: the search's bits differ from direct");
        for (String kernels : kernelsToTry()) {
            for (int threads : new int[] {1, 3, 8}) {
                assertEquals(reference, fingerprint(threads, kernels), "winograd, " + kernels + " kernels on " + threads + " threads");
            }
        }
    }

    @Test
    void otherVectorWidthsAndJdksGiveTheSameBits() throws Exception {
        assumeTrue(KernelProvider.vectorAvailable(), "the Vector API module is not loaded");
        String reference = fingerprint(1, "scalar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(List.of("FloatVector 256-bit (8 lanes)", reference),
                child(java, List.of("-Dsemfill.vectorBits=256", "-XX:UseAVX=2"), "3", "vector", "direct"), "256-bit vectors, AVX2 only");
        assertEquals(List.of("FloatVector 128-bit (4 lanes)", reference), child(java, List.of("-Dsemfill.vectorBits=128"), "2", "vector", "direct"),
                "128-bit vectors");
        ConvAlgorithm.select(ConvAlgorithm.winograd);
        String winograd = fingerprint(1, "scalar");
        assertEquals(winograd, child(java, List.of("-Dsemfill.vectorBits=256"), "2", "vector", "winograd").get(1), "winograd, 256-bit vectors");
        if (Files.isExecutable(JDK25)) {
            assertEquals(reference, child(JDK25.toString(), List.of(), "2", "vector", "direct").get(1), "JDK 25, vector kernels");
            assertEquals(reference, child(JDK25.toString(), List.of(), "3", "scalar", "direct").get(1), "JDK 25, plain kernels");
        }
        else System.out.println("SameBitsTest: no JDK 25 at " + JDK25 + "; compared JDK " + Runtime.version().feature() + " only");
    }

    private static List<String> kernelsToTry() {
        return KernelProvider.vectorAvailable() ? List.of("scalar", "vector") : List.of("scalar");
    }

    private static String fingerprint(int threads, String kernels) {
        Parallel.setThreads(threads);
        KernelProvider.select(kernels);
        return SameBitsScenario.fingerprint();
    }

    private static String value(List<String> lines, String prefix, String out) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in the child's output:\n" + out));
    }

    /** The kernels' description and the scenario's fingerprint from a fresh JVM with these threads, kernels and conv. */
    private static List<String> child(String java, List<String> options, String threads, String kernels, String conv)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true"));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SameBitsScenario.class.getName(), threads, kernels, conv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        assertEquals(0, p.exitValue(), "child JVM " + cmd + " failed:\n" + out);
        List<String> lines = out.lines().toList();
        return List.of(value(lines, "simd: ", out), value(lines, "fingerprint: ", out));
    }
}
