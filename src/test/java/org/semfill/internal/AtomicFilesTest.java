package org.semfill.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes leave nothing behind: not after a write, and not after a run killed mid-write (the next run clears it). */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteLeavesOnlyItsTarget() throws IOException {
        AtomicFiles.writeString(dir.resolve("a.txt"), "hello");
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(1, all.count());
        }
        assertEquals("hello", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void theNextRunIntoAFolderRemovesTheTemporaryFilesAKilledRunLeft() throws IOException {
        Path left = Files.write(dir.resolve(".search-002.gif.4242424242.tmp"), new byte[489]); // as kill -9 leaves it
        Files.setLastModifiedTime(left, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.write(dir.resolve(".result.png.77.tmp"), new byte[3]); // another run writing right now
        Path mine = Files.write(dir.resolve("notes.tmp"), new byte[3]); // not one of ours
        Path old = Files.write(dir.resolve("completed-001.png"), new byte[3]);
        OutputFolders.requireWritable(dir, "--out");
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(fresh) && Files.exists(mine) && Files.exists(old));
    }
}
