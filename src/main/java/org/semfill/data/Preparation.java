package org.semfill.data;

import static org.semfill.data.DataSetting.CACHE_FOLDER;
import static org.semfill.data.DataSetting.DATA_SOURCE;
import static org.semfill.data.DataSetting.STRICT_MODE;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Progress;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;

/**
 * Prepares a {@code --data} source once and keeps the result: every photo is decoded, centre-cropped, resized and
 * stored as bytes in one NumPy file ({@link PreparedImages}), in a cache folder, on all cores, with a progress
 * bar. The next run with the same source and options opens that file in a moment instead of decoding 200,000
 * JPEGs again. IDX files and the bundled data take the same path (they are quick to prepare).
 *
 * <p>The cache file's name carries a fingerprint of the source (every file's path, size and modification time,
 * or the IDX file's) and of the options, so a changed folder or other options give a new file; the stale one of
 * the same source is deleted. Beside each {@code NAME.npy} sit {@code NAME.json} (what it holds and where it came
 * from) and, when photos could not be decoded, {@code NAME.skipped.txt} (one "file, reason" line each).
 *
 * <p>A photo that cannot be decoded is skipped and listed, not fatal: one bad file among 200,000 must not cost an
 * hour's preparation. Preparation stops early only when most files fail (probably the wrong folder), or at the
 * first failure with {@code strict}.
 */
public final class Preparation {
    /** System property, then environment variable, naming the cache folder. */
    public static final String CACHE_PROPERTY = "semfill.cache", CACHE_ENV = "SEMFILL_CACHE";
    static final int FORMAT = 1;
    /** Images written at once: 3 MB at 64 x 64 colour. */
    private static final int BLOCK = 256;
    /** Photos being decoded at once, ahead of the one written next. */
    private static final int WINDOW = 4 * BLOCK;
    /** Preparation stops when more than half of at least this many files failed. */
    private static final int FAIL_FAST_AFTER = 200;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Preparation() {}

    /**
     * What a prepared file holds, saved beside it as JSON.
     *
     * @param kind   "folder", "idx" or "bundled"
     * @param source the folder or file, absolute
     * @param files  image files (or IDX images) looked at
     * @param images images stored (files minus skipped)
     */
    public record Manifest(int format, String kind, String source, int size, int channels, int crop, int maxImages,
                           int files, int images, int skipped, String fingerprint, String layout) {}

    /** The prepared images and where they came from; {@code reused} when an earlier preparation was opened. */
    public record Result(PreparedImages images, Manifest manifest, Path file, boolean reused, Path skippedList) {}

    /** The cache folder: the {@value #CACHE_PROPERTY} property, the {@value #CACHE_ENV} variable, else ~/.cache/semfill. */
    public static Path defaultCacheFolder() {
        String p = System.getProperty(CACHE_PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(CACHE_ENV);
        if (p != null && !p.isBlank()) return Path.of(p);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("semfill");
    }

    /**
     * {@code prepare --verify}: the cache is reused when the photos' names, sizes and modification times are the
     * same, so a photo edited in place with its size and time kept is not noticed. This decodes every photo again
     * whatever the cache says, replaces the prepared file, and says how many prepared images changed.
     */
    public static Result verify(String spec, PrepareOptions o, Path cacheDir, int threads, PrintStream log) {
        Source src = Source.of(spec, o);
        String name = src.stem + "-" + o.tag() + "-" + src.fingerprint.substring(0, 12);
        Path npy = cacheDir.resolve(name + ".npy"), json = cacheDir.resolve(name + ".json");
        long[] before = null;
        if (Files.isRegularFile(npy)) {
            try {
                before = imageChecksums(npy);
            } catch (UserError damaged) { // a damaged cache file is simply made again
            }
        }
        try {
            Files.deleteIfExists(json); // without its manifest the cache is not reused: every photo is decoded again
        } catch (IOException e) {
            throw new SettingError(CACHE_FOLDER, called -> "cannot remove " + json + " (" + ReadableFiles.reason(e) + "); choose another "
                    + called.apply(CACHE_FOLDER));
        }
        Result r = obtain(spec, o, cacheDir, threads, log);
        if (before == null) return r;
        long[] after = imageChecksums(r.file());
        int changed = 0;
        for (int i = 0; i < Math.min(before.length, after.length); i++) if (before[i] != after[i]) changed++;
        changed += Math.abs(before.length - after.length);
        log.printf(changed == 0 ? "verified: all %,d prepared images match the photos%n"
                : "verified: %,d of %,d prepared images had changed (photos edited in place); the prepared file is now up to date%n",
                changed == 0 ? after.length : changed, after.length);
        return r;
    }

    /** A CRC-32 of each image's bytes in a prepared file. */
    private static long[] imageChecksums(Path npy) {
        try (PreparedImages p = PreparedImages.open(npy, "prepared images");
             FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
            Npy.Layout layout = Npy.read(ch, npy);
            int size = p.c() * p.h() * p.w();
            long[] out = new long[p.n()];
            ByteBuffer buf = ByteBuffer.allocate(size);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (int i = 0; i < out.length; i++) {
                buf.clear();
                long at = layout.dataOffset() + (long) i * size;
                while (buf.hasRemaining()) if (ch.read(buf, at + buf.position()) < 0) throw new UserError(npy + " ended early");
                crc.reset();
                crc.update(buf.array(), 0, size);
                out[i] = crc.getValue();
            }
            return out;
        } catch (IOException e) {
            throw new UserError("cannot read " + npy + ": " + ReadableFiles.reason(e));
        }
    }

    /**
     * The prepared images of {@code spec} (a folder of photos, an IDX file, or {@code bundled}), from the cache when
     * nothing changed, else prepared now on {@code threads} threads.
     */
    public static Result obtain(String spec, PrepareOptions o, Path cacheDir, int threads, PrintStream log) {
        Source src = Source.of(spec, o);
        String name = src.stem + "-" + o.tag() + "-" + src.fingerprint.substring(0, 12);
        Path npy = cacheDir.resolve(name + ".npy"), json = cacheDir.resolve(name + ".json"), skipped = cacheDir.resolve(name + ".skipped.txt");
        Manifest known = readManifest(json);
        if (known != null && known.fingerprint().equals(src.fingerprint) && Files.isRegularFile(npy)) {
            PreparedImages images = PreparedImages.open(npy, src.describe);
            if (images.n() == known.images() && images.c() == o.channels() && images.h() == o.size()) {
                // strict is not part of the file's name: a file that skipped nothing is what strict makes too, one
                // that skipped photos is what strict refuses
                if (o.strict() && known.skipped() > 0) {
                    images.close();
                    throw strictRefusal(known, skipped);
                }
                return new Result(images, known, npy, true, known.skipped() > 0 ? skipped : null);
            }
            images.close();
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new SettingError(CACHE_FOLDER, called -> "cannot create the cache folder " + cacheDir + " (" + ReadableFiles.reason(e) + "); choose another "
                    + called.apply(CACHE_FOLDER));
        }
        deleteStale(cacheDir, src.stem + "-" + o.tag() + "-", name, src.path);
        Manifest m = src.kind.equals("folder") ? prepareFolder(src, o, npy, skipped, threads, log) : prepareIdx(src, o, npy);
        try {
            AtomicFiles.writeString(json, GSON.toJson(m));
        } catch (IOException e) {
            throw new UserError("cannot write " + json + ": " + ReadableFiles.reason(e));
        }
        return new Result(PreparedImages.open(npy, src.describe), m, npy, false, m.skipped() > 0 ? skipped : null);
    }

    /** The strict error for a prepared file that skipped photos: the first one's reason, as a strict preparation says it. */
    private static UserError strictRefusal(Manifest known, Path skippedList) {
        String first = null;
        try (var lines = Files.lines(skippedList, StandardCharsets.UTF_8)) {
            first = lines.findFirst().map(l -> l.substring(l.indexOf('\t') + 1)).orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            // the count below still says what is wrong
        }
        String what = first != null ? first + (known.skipped() == 1 ? "; listed in " : "; the first of " + known.skipped() + " listed in ") + skippedList
                : known.skipped() + " photos of " + known.source() + " could not be decoded (listed in " + skippedList + ")";
        return new SettingError(STRICT_MODE, called -> what + " (" + called.apply(STRICT_MODE) + " stops at the first bad photo: fix or remove the listed "
                + "files and prepare again; without " + called.apply(STRICT_MODE) + " they are skipped)");
    }

    /** One photo: decoded, cropped, resized, as bytes (C, size, size). */
    static byte[] prepareOne(Path file, PrepareOptions o) {
        float[] px = ImageFiles.square(ImageFiles.decode(file), o.size(), o.channels(), o.crop());
        return toBytes(px);
    }

    /**
     * The partial file, emptied and locked for this process: two preparations of the same data at once would
     * write into one file, so the second is refused (before it touches anything).
     */
    static FileChannel lockedPartial(Path partial, Path source) {
        try {
            FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new UserError("another preparation of " + source + " with these options is running; wait for it to finish, then run again");
            }
            ch.truncate(0);
            return ch;
        } catch (IOException e) {
            throw new SettingError(CACHE_FOLDER, called -> "cannot write the prepared images " + partial + " (" + ReadableFiles.reason(e) + "); choose another "
                    + called.apply(CACHE_FOLDER));
        }
    }

    /** Decoding one photo as a task: its bytes, or the reason it failed (a skipped photo is not an error). */
    private static Callable<Object> decodeTask(ImageFolderReader.Entry entry, PrepareOptions o) {
        Path f = entry.file();
        return () -> {
            if (entry.unreadable() != null) return entry.unreadable(); // a file or subfolder the listing could not read
            try {
                return prepareOne(f, o);
            } catch (UserError e) {
                return e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                return "cannot decode image " + f + " (" + e + ")";
            }
        };
    }

    private static byte[] toBytes(float[] px) {
        byte[] b = new byte[px.length];
        for (int i = 0; i < px.length; i++) b[i] = (byte) Pixels.toByte(px[i]);
        return b;
    }

    private static Manifest prepareFolder(Source src, PrepareOptions o, Path npy, Path skippedList, int threads, PrintStream log) {
        List<ImageFolderReader.Entry> files = src.entries;
        int n = files.size(), imageBytes = o.channels() * o.size() * o.size();
        Path partial = npy.resolveSibling("." + npy.getFileName() + ".partial");
        List<String> skipped = new ArrayList<>();
        int images = 0;
        log.printf("preparing %,d photos from %s as %dx%d, %d channel%s%s (once; later runs reuse %s)%n", n, src.path, o.size(), o.size(),
                o.channels(), o.channels() == 1 ? "" : "s", o.crop() > 0 ? ", centre crop " + o.crop() : "", npy);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "semfill-prepare");
            t.setDaemon(true);
            return t;
        });
        FileChannel out = lockedPartial(partial, src.path);
        try (out; Progress bar = Progress.start("prepare", n, "img")) {
            writeFully(out, ByteBuffer.wrap(Npy.header(0, o.channels(), o.size(), o.size())), 0);
            long at = Npy.HEADER_BYTES;
            // Photos are decoded in order, a window of them in flight at once, so no thread waits for the slowest
            // photo of a block; this thread keeps the order, collects a block of bytes and writes it.
            ArrayDeque<Future<Object>> inFlight = new ArrayDeque<>();
            ByteBuffer block = ByteBuffer.allocate(BLOCK * imageBytes);
            int submitted = 0;
            for (int i = 0; i < n; i++) {
                while (submitted < n && submitted < i + WINDOW) inFlight.add(pool.submit(decodeTask(files.get(submitted++), o)));
                Object r = inFlight.poll().get();
                if (r instanceof byte[] bytes) {
                    block.put(bytes);
                    images++;
                } else {
                    if (o.strict() && !files.get(i).runFolder())
                        throw new SettingError(STRICT_MODE, called -> r + " (preparation stops at the first bad photo with " + called.apply(STRICT_MODE)
                                + "; without it, bad photos are skipped)");
                    skipped.add(files.get(i).relative() + "\t" + r);
                }
                int done = i + 1;
                if (block.hasRemaining() && done < n && done % BLOCK != 0) continue;
                block.flip();
                writeFully(out, block, at);
                at += block.limit();
                block.clear();
                bar.step(done % BLOCK == 0 ? BLOCK : done % BLOCK);
                if (!skipped.isEmpty()) bar.status("skipped " + skipped.size());
                if (done >= FAIL_FAST_AFTER && skipped.size() * 2 > done)
                    throw new UserError(String.format("%d of the first %d photos in %s could not be decoded (the first: %s); is this the right folder?",
                            skipped.size(), done, src.path, skipped.get(0).replace('\t', ':')));
            }
            if (images == 0) throw new UserError("none of the " + n + " photos in " + src.path + " could be decoded (the first: "
                    + skipped.get(0).replace('\t', ':') + ")");
            writeFully(out, ByteBuffer.wrap(Npy.header(images, o.channels(), o.size(), o.size())), 0);
            out.force(true);
            double secs = bar.elapsedSeconds();
            log.printf("prepared %,d images in %.0f s (%.0f photos/s on %d threads)%n", images, secs, n / Math.max(secs, 1e-9), threads);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new SettingError(CACHE_FOLDER, called -> "cannot write the prepared images " + partial + " (" + ReadableFiles.reason(e)
                    + "); free some disk space or choose another " + called.apply(CACHE_FOLDER));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(partial);
            throw new UserError("preparation interrupted");
        } catch (ExecutionException e) {
            deleteQuietly(partial);
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        try {
            if (!skipped.isEmpty()) {
                AtomicFiles.writeString(skippedList, String.join("\n", skipped) + "\n");
                log.printf("skipped %,d of %,d files that could not be read or decoded; they are listed in %s%n", skipped.size(), n, skippedList);
            } else {
                Files.deleteIfExists(skippedList);
            }
            move(partial, npy);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UserError("cannot write " + npy + ": " + ReadableFiles.reason(e));
        }
        return manifest(src, o, n, images, skipped.size());
    }

    private static Manifest prepareIdx(Source src, PrepareOptions o, Path npy) {
        ImageSet set = DataSources.conform(IdxReader.readImages(src.path, o.maxImages()), o.size(), o.channels());
        byte[] bytes = toBytes(set.pixels());
        try {
            AtomicFiles.write(npy, out -> {
                out.write(Npy.header(set.n(), set.c(), set.h(), set.w()));
                out.write(bytes);
            });
        } catch (IOException e) {
            throw new SettingError(CACHE_FOLDER, called -> "cannot write the prepared images " + npy + " (" + ReadableFiles.reason(e) + "); choose another "
                    + called.apply(CACHE_FOLDER));
        }
        return manifest(src, o, set.n(), set.n(), 0);
    }

    private static Manifest manifest(Source src, PrepareOptions o, int files, int images, int skipped) {
        return new Manifest(FORMAT, src.kind, src.path.toString(), o.size(), o.channels(), o.crop(), o.maxImages(), files, images, skipped,
                src.fingerprint, "uint8 (N, C, H, W); pixel = byte / 127.5 - 1");
    }

    private static Manifest readManifest(Path json) {
        if (!Files.isRegularFile(json)) return null;
        try {
            Manifest m = GSON.fromJson(Files.readString(json), Manifest.class);
            return m != null && m.format() == FORMAT && m.fingerprint() != null ? m : null;
        } catch (IOException | JsonParseException e) {
            return null; // a damaged manifest only costs a new preparation
        }
    }

    /** Removes earlier preparations of the same source and options (the folder changed since): each can be gigabytes. */
    private static void deleteStale(Path dir, String prefix, String current, Path source) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.json")) {
            for (Path json : ds) {
                String name = json.getFileName().toString();
                name = name.substring(0, name.length() - ".json".length());
                Manifest m = readManifest(json);
                if (name.equals(current) || m == null || !m.source().equals(source.toString())) continue;
                for (String suffix : new String[] {".npy", ".skipped.txt", ".json"}) deleteQuietly(dir.resolve(name + suffix));
            }
        } catch (IOException e) {
            // stale files only waste disk space
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) at += ch.write(b, at);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** A resolved {@code --data} source: what it is, its files, and a fingerprint of them and of the options. */
    private static final class Source {
        final String kind, stem, describe, fingerprint;
        final Path path;
        final List<ImageFolderReader.Entry> entries;

        private Source(String kind, Path path, String stem, String describe, List<ImageFolderReader.Entry> entries, String fingerprint) {
            this.kind = kind;
            this.path = path;
            this.stem = stem;
            this.describe = describe;
            this.entries = entries;
            this.fingerprint = fingerprint;
        }

        static Source of(String spec, PrepareOptions o) {
            if (spec == null || spec.isBlank())
                throw new UserError("no data given (give an IDX file, a folder of PNG/JPEG images, or 'bundled')");
            if (spec.trim().toLowerCase(Locale.ROOT).equals(DataSources.BUNDLED)) {
                Path f = DataSources.bundledFile(DataSources.BUNDLED_TRAIN_IMAGES).toAbsolutePath().normalize();
                return new Source("bundled", f, "bundled-" + DataSources.BUNDLED_NAME, "bundled Fashion-MNIST training subset", null,
                        digest(o, "bundled", f, fileLine(f)));
            }
            Path path;
            try {
                path = Path.of(spec).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new UserError("not a valid path: " + spec + " (give an IDX file, a folder of PNG/JPEG images, or 'bundled')");
            }
            if (Files.isDirectory(path)) {
                List<ImageFolderReader.Entry> entries = ImageFolderReader.entries(path, true);
                if (entries.isEmpty()) throw new UserError("no images (PNG, JPEG, ...) in folder " + path);
                if (o.maxImages() > 0 && entries.size() > o.maxImages()) entries = entries.subList(0, o.maxImages());
                StringBuilder lines = new StringBuilder();
                for (ImageFolderReader.Entry e : entries)
                    lines.append(e.relative()).append('\t').append(e.bytes()).append('\t').append(e.modifiedMillis()).append('\n');
                return new Source("folder", path, stemOf(path), "folder " + path, entries, digest(o, "folder", path, lines.toString()));
            }
            if (Files.isRegularFile(path)) {
                if (ImageFiles.hasImageSuffix(path))
                    throw new UserError(path + " is a single image; give the folder that holds the training images");
                return new Source("idx", path, stemOf(path), path.toString(), null, digest(o, "idx", path, fileLine(path)));
            }
            if (Files.exists(path)) ReadableFiles.require(path, DATA_SOURCE); // a FIFO or device: say what it is, not "no such file"
            throw new UserError("no such file or folder: " + spec + " (give an IDX file, a folder of PNG/JPEG images, or 'bundled')");
        }

        private static String fileLine(Path f) {
            try {
                return Files.size(f) + "\t" + Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                throw new UserError("cannot read " + f + ": " + ReadableFiles.reason(e));
            }
        }

        private static String stemOf(Path p) {
            Path name = p.getFileName();
            String s = name == null ? "root" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return s.length() > 40 ? s.substring(0, 40) : s;
        }

        private static String digest(PrepareOptions o, String kind, Path path, String content) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(("semfill-prepared-" + FORMAT + "\n" + kind + "\n" + path + "\n" + o.tag() + "\n").getBytes(StandardCharsets.UTF_8));
                md.update(content.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
