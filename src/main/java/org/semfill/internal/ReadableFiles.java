package org.semfill.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;

/**
 * The one check before semfill opens a file to read it (model files, checkpoints, images, masks, {@code .npy}
 * and IDX files, configs): it must be a regular file. A FIFO would block the open or the read forever, a device
 * such as /dev/zero never ends, and a folder cannot be read as a file; each is refused with one line naming it.
 */
public final class ReadableFiles {
    private ReadableFiles() {}

    /**
     * @param what names the file's role in the message ("model file", "image"), e.g. "no such model file: PATH"
     * @return {@code file}
     * @throws UserError if it does not exist, is a folder, or is not a regular file (a FIFO, socket or device)
     */
    public static Path require(Path file, String what) {
        Function<String, String> problem = problem(file);
        if (problem != null) throw new UserError(problem.apply(what));
        return file;
    }

    /** As {@link #require(Path, String)} for a file a setting names: the message names the setting (the CLI: its flag). */
    public static Path require(Path file, Setting setting) {
        Function<String, String> problem = problem(file);
        if (problem != null) throw new SettingError(setting, name -> problem.apply(name.apply(setting)));
        return file;
    }

    /** Why {@code file} cannot be read, as a message given the file's role; null when it can. */
    private static Function<String, String> problem(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class); // follows links: a link to a regular file is fine
        } catch (NoSuchFileException e) {
            return what -> "no such " + what + ": " + file;
        } catch (IOException e) {
            return what -> "cannot read " + what + " " + file + ": " + reason(e);
        }
        if (a.isDirectory()) return what -> what + " " + file + " is a folder, not a file";
        if (!a.isRegularFile()) return what -> what + " " + file + " is not a regular file (" + kind(file) + "); give an ordinary file";
        return null;
    }

    /** What a non-regular file is, for the message. */
    private static String kind(Path file) {
        String name = file.toString();
        if (name.startsWith("/dev/")) return "a device";
        try {
            Object type = Files.getAttribute(file, "unix:mode");
            int mode = type instanceof Integer m ? m & 0170000 : 0;
            if (mode == 0010000) return "a FIFO: reading it would wait for a writer forever";
            if (mode == 0140000) return "a socket";
            if (mode == 0020000 || mode == 0060000) return "a device";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix attributes on this file system: say only that it is not a regular file
        }
        return "a FIFO, socket or device";
    }

    /** The operating system's reason, without the path Java repeats in front of it. */
    public static String reason(Exception x) {
        Exception e = x instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : x;
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.NotDirectoryException) return "not a folder";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) return f.getClass().getSimpleName(); // never the path again
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
