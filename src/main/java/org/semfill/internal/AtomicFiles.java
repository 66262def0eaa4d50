package org.semfill.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes: content goes to a temporary file in the same directory, is flushed to disk, then renamed
 * over the target, so a crash or kill leaves either the old file or the new one, never half of one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Temporary files being written now: Ctrl+C ends the JVM without running their finally blocks, so a hook removes them. */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Our temporary names: "." + target name + "." + the random digits of createTempFile + ".tmp". */
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : IN_FLIGHT) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException | RuntimeException ignored) { // stopping: nothing more to do about it
                    }
                }
            }, "semfill-temp-cleanup"));
        } catch (IllegalStateException | SecurityException ignored) { // already shutting down
        }
    }

    /**
     * Removes the temporary files a killed run (kill -9, a crash) left in {@code dir}: ours by name, and older than
     * this JVM, so a run writing into the same folder right now keeps its own. Returns how many went.
     */
    public static int removeLeftovers(Path dir) {
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> TEMP.matcher(f.getFileName().toString()).matches()).toList()) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toMillis() < started && Files.deleteIfExists(p)) removed++;
                } catch (IOException ignored) { // another process's file, or gone already
                }
            }
        } catch (IOException | RuntimeException ignored) { // an unlistable folder is reported by whoever writes into it
        }
        return removed;
    }

    /** Writes whatever {@code body} puts into the stream. */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        IN_FLIGHT.add(tmp);
        try { // temp files are created private (rw-------); results are ordinary files a user shares
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: keep the default
        }
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                body.accept(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            IN_FLIGHT.remove(tmp);
        }
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
