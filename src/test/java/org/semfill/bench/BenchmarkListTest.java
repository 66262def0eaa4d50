package org.semfill.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Guards the JMH set-up: the annotation processor must have written META-INF/BenchmarkList with our
 * benchmarks. (Since JDK 23 javac no longer runs processors it merely finds on the class path; without
 * the compiler plugin's annotationProcessorPaths the list stays empty and JMH silently runs nothing.)
 */
class BenchmarkListTest {
    @Test
    void generatedBenchmarkListNamesOurBenchmarks() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: "
                    + "is jmh-generator-annprocess in the compiler's annotationProcessorPaths?");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.contains("org.semfill.bench.GemmBenchmark"), list);
            assertTrue(list.contains("org.semfill.bench.StreamingBenchmark"), list);
        }
    }
}
