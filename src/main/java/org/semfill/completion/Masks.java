package org.semfill.completion;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

/**
 * The mask types of Amos's completion code (1 = known, 0 = missing) for square images of side S, plus masks
 * drawn by the user as PNG files (white = known; see {@link #parse}).
 *
 * <ul>
 *   <li>{@code center}: a margin of S/4 on each edge known, the middle half of each side missing
 *       (a 32x32 hole in 64x64; rows and columns 7..20 in 28x28);</li>
 *   <li>{@code left}: the left half (columns 0 .. S/2 - 1) missing;</li>
 *   <li>{@code random}: each pixel missing with probability p (default 0.2), drawn from a seeded {@link Rng};</li>
 *   <li>{@code grid}: only every k-th pixel in each direction known (default k = 4), starting at (0, 0);</li>
 *   <li>{@code lowres}: low resolution, as in Amos's code: only the means of the k x k blocks are known (default
 *       k = 8 at 64, 4 at 32 and at 28; see {@link #defaultLowresBlock}), no pixel on its own. Completion is then
 *       super-resolution with the GAN as prior: the search compares the block means of G(z) with the input's, and
 *       the fill is G(z-hat) shifted block by block to the input's means ({@link BlockAverages}). k must divide S;</li>
 *   <li>{@code full}: nothing missing (how well can G reproduce the image?).</li>
 * </ul>
 *
 * {@link #parse} also accepts a parameter after a colon: {@code random:0.5}, {@code grid:8}, {@code lowres:4}.
 */
public final class Masks {
    /** The mask type names {@link #parse} understands. */
    public static final List<String> NAMES = List.of("center", "left", "random", "grid", "lowres", "full");
    /** Amos's probability that a pixel of the {@code random} mask is missing. */
    public static final double DEFAULT_RANDOM_MISSING = 0.2;
    /** Amos's step of the {@code grid} mask. */
    public static final int DEFAULT_GRID_STEP = 4;

    private Masks() {}

    public static Mask center(int size) {
        Check.positive(size, "size");
        int lo = size / 4, hi = size - size / 4; // hole is [lo, hi) in both directions
        return build("center", size, (r, c) -> !(r >= lo && r < hi && c >= lo && c < hi));
    }

    public static Mask left(int size) {
        Check.positive(size, "size");
        return build("left", size, (r, c) -> c >= size / 2);
    }

    /** Each pixel missing with probability {@code missing} in [0, 1]; draws S*S uniforms from {@code rng}, row by row. */
    public static Mask random(int size, double missing, Rng rng) {
        Check.positive(size, "size");
        if (!(missing >= 0 && missing <= 1))
            throw new UserError("random mask: the missing fraction must be in [0, 1], got " + missing);
        float[] m = new float[size * size];
        for (int i = 0; i < m.length; i++) m[i] = rng.nextDouble() < missing ? 0f : 1f;
        return new Mask("random", size, size, m);
    }

    public static Mask grid(int size, int step) {
        Check.positive(size, "size");
        if (step < 1) throw new UserError("grid mask: the step must be at least 1, got " + step);
        return build("grid", size, (r, c) -> r % step == 0 && c % step == 0);
    }

    /**
     * Only the means of the {@code block} x {@code block} blocks known ({@link Mask#blockAverages}); the block must
     * divide the side, because a cut-off block at the edge would average fewer pixels than the rest.
     */
    public static Mask lowres(int size, int block) {
        Check.positive(size, "size");
        if (block < 2) throw new UserError("lowres mask: the block size must be at least 2, got " + block);
        if (size % block != 0)
            throw new UserError("lowres mask: block " + block + " does not divide the image side " + size + "; use one of "
                    + divisors(size) + " (lowres:K)");
        return Mask.blockAverages("lowres", size, size, block);
    }

    /**
     * The default {@code lowres} block for side S: the smallest divisor of S that is at least S/8 (and at least 2),
     * so the input is about 8 x 8 as in Amos's 64 -> 8 example: 8 at 64 (8x8 input), 4 at 32 (8x8) and at 28 (7x7,
     * as 28/8 = 3.5 is not a whole block).
     */
    public static int defaultLowresBlock(int size) {
        Check.positive(size, "size");
        for (int k = Math.max(2, size / 8); k < size; k++) if (size % k == 0) return k;
        return size;
    }

    public static Mask full(int size) {
        Check.positive(size, "size");
        return build("full", size, (r, c) -> true);
    }

    /**
     * A mask from a command-line spec: a type name from {@link #NAMES}, optionally with a parameter after a colon
     * ({@code random:0.3}, {@code grid:8}, {@code lowres:4}), or the path of a PNG mask image (white = known).
     *
     * @throws UserError for an unknown name that is not an existing file, a bad parameter, or a bad mask file
     */
    public static Mask parse(String spec, int size, Rng rng) {
        Check.arg(spec != null, "mask spec is null");
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        String param = colon < 0 ? null : s.substring(colon + 1).trim();
        if (NAMES.contains(name)) {
            switch (name) {
                case "center": noParam(name, param); return center(size);
                case "left": noParam(name, param); return left(size);
                case "full": noParam(name, param); return full(size);
                case "random": return random(size, param == null ? DEFAULT_RANDOM_MISSING : number(name, param), rng);
                case "grid": return grid(size, param == null ? DEFAULT_GRID_STEP : integer(name, param));
                default: return lowres(size, param == null ? defaultLowresBlock(size) : integer(name, param));
            }
        }
        Path path = asExistingFile(s);
        if (path != null) return MaskFile.read(path, size);
        if (s.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
            throw new UserError("mask file " + s + " not found: give the path of a PNG mask image (white = known)");
        throw new UserError("unknown mask \"" + s + "\": use one of " + String.join(", ", NAMES)
                + ", or the path of a PNG mask image (white = known, black = missing)");
    }

    /**
     * Checks that {@code m} leaves enough pixels known to complete from, before a search starts: none known is a
     * {@link UserError}; only a handful (fewer than {@link #fewKnown}) prints a one-line warning to {@code warn}. A
     * block-average ({@code lowres}) mask passes: it knows every block's mean though no pixel on its own.
     *
     * @return {@code m}
     */
    public static Mask requireKnownPixels(Mask m, java.io.PrintStream warn) {
        if (m.knowsBlockAverages()) return m; // no pixel on its own, but every block's mean: enough to complete from
        int known = m.knownCount(), all = m.planeSize();
        if (known == 0)
            throw new UserError("mask " + m.name() + " leaves no pixel known, so there is nothing to complete from: "
                    + "use a mask with some white (known) pixels");
        if (known < fewKnown(all))
            warn.printf("semfill: warning: mask %s leaves only %d of %d pixels known (%.1f%%); the fill will be little more "
                    + "than a random sample of the generator%n", m.name(), known, all, 100.0 * known / all);
        return m;
    }

    /** Fewer known pixels than this is "a handful": 1% of the plane, and at least 8. */
    public static int fewKnown(int planeSize) {
        return Math.max(8, planeSize / 100);
    }

    /** The block sides that divide {@code size}, from 2 up to size / 2, e.g. "2, 4, 7, 14" for 28. */
    private static String divisors(int size) {
        List<String> out = new java.util.ArrayList<>();
        for (int k = 2; k <= size / 2; k++) if (size % k == 0) out.add(Integer.toString(k));
        return out.isEmpty() ? Integer.toString(size) : String.join(", ", out);
    }

    /** Which pixels a mask knows: true where (row, col) is known. */
    public interface KnownAt {
        boolean known(int row, int col);
    }

    /** A pixel mask of side {@code size} named {@code name}, knowing the pixels {@code rule} accepts. */
    public static Mask build(String name, int size, KnownAt rule) {
        float[] m = new float[size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++) m[r * size + c] = rule.known(r, c) ? 1f : 0f;
        return new Mask(name, size, size, m);
    }

    private static Path asExistingFile(String s) {
        try {
            Path p = Path.of(s);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static void noParam(String name, String param) {
        if (param != null) throw new UserError("mask " + name + " takes no parameter, got \"" + name + ":" + param + "\"");
    }

    private static double number(String name, String param) {
        try {
            return Double.parseDouble(param);
        } catch (NumberFormatException e) {
            throw new UserError("mask " + name + ": \"" + param + "\" is not a number; write e.g. " + name + ":0.3");
        }
    }

    private static int integer(String name, String param) {
        try {
            return Integer.parseInt(param);
        } catch (NumberFormatException e) {
            throw new UserError("mask " + name + ": \"" + param + "\" is not a whole number; write e.g. " + name + ":4");
        }
    }
}
