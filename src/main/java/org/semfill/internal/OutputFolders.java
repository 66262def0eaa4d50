package org.semfill.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any long work, that results can be written where the user asked: so a bad {@code --out} is
 * found in a second, not after minutes of compute, and the operating system's reason is kept in the message.
 */
public final class OutputFolders {
    private OutputFolders() {}

    /**
     * Creates {@code folder} (and its parents) if needed, then creates and deletes a temporary file in it.
     *
     * @param option the option that named it ("--out"), for the message
     * @return the folder
     * @throws UserError if it is an existing file, cannot be created, or is not writable (with the OS's reason)
     */
    public static Path requireWritable(Path folder, String option) {
        Check.arg(folder != null, "folder is null");
        if (Files.exists(folder) && !Files.isDirectory(folder))
            throw new UserError(option + " " + folder + " is an existing file, not a folder: give a folder path (or remove the file)");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError(option + " " + folder + " cannot be created (" + reason(e) + "): give a folder you can write to", e);
        }
        try {
            Path probe = Files.createTempFile(folder, ".semfill-write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError(option + " " + folder + " is not writable (" + reason(e) + "): give a folder you can write to", e);
        }
        AtomicFiles.removeLeftovers(folder); // half-written files of a run that was killed
        return folder;
    }

    /**
     * For an option naming an output file: the file must not be a folder, and its folder must be writable
     * ({@link #requireWritable}); an existing file is replaced atomically later.
     */
    public static Path requireWritableFile(Path file, String option) {
        Check.arg(file != null, "file is null");
        if (Files.isDirectory(file))
            throw new UserError(option + " " + file + " is a folder: give a file name inside it, e.g. " + file.resolve("out.png"));
        Path parent = file.toAbsolutePath().getParent();
        try {
            requireWritable(parent, option);
        } catch (UserError e) { // name the option's own value, then the folder's problem
            throw new UserError(option + " " + file + ": its folder " + e.getMessage().substring(option.length() + 1), e.getCause());
        }
        return file;
    }

    /** The OS's reason in words, e.g. "permission denied", "not a directory", "read-only file system". */
    static String reason(IOException e) {
        String why = null;
        if (e instanceof FileSystemException f) why = f.getReason();
        if (why == null) {
            if (e instanceof AccessDeniedException) why = "permission denied";
            else if (e instanceof FileAlreadyExistsException f) why = f.getFile() + " exists and is not a folder";
            else if (e instanceof java.nio.file.NoSuchFileException f) why = "no such file or folder: " + f.getFile();
            else why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        if (why.isEmpty()) return e.getClass().getSimpleName();
        return why.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + why.substring(1);
    }
}
