package org.semfill.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reference stands alone: its sources import nothing of semfill, as its package-info promises. */
class ReferenceImportsTest {
    @Test
    void referenceImportsOnlyTheJdk() throws IOException {
        Path dir = Path.of("src/main/java/org/semfill/reference");
        assertTrue(Files.isDirectory(dir), "run from the project root: " + dir.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.list(dir)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(l -> l.startsWith("import ") && l.contains("org.semfill."))
                            .map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
