package org.semfill.encoder;

import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.internal.Rng;

/**
 * The holes the encoder learns to see past: every mask type of {@code complete} with random parameters, the other
 * three halves, and random rectangles (the strokes a user draws in the studio are mostly blobs of that size). Each
 * training image gets its own, drawn from a seeded {@link Rng}, so a run's masks are the same every time.
 */
final class TrainingMasks {
    /** The kinds drawn, with equal chance. */
    static final int KINDS = 9;

    private TrainingMasks() {}

    static Mask draw(Rng rng, int size) {
        switch (rng.nextInt(KINDS)) {
            case 0: return Masks.center(size);
            case 1: return Masks.left(size);
            case 2: return Masks.build("right", size, (r, c) -> c < size / 2);
            case 3: return Masks.build("top", size, (r, c) -> r >= size / 2);
            case 4: return Masks.build("bottom", size, (r, c) -> r < size / 2);
            case 5: return Masks.random(size, 0.2 + 0.7 * rng.nextDouble(), rng);
            case 6: return Masks.grid(size, 2 + rng.nextInt(3));
            case 7: return Masks.parse("lowres", size, rng);
            default: return rectangle(rng, size);
        }
    }

    /** A rectangle missing, each side between an eighth and three quarters of the image, anywhere inside it. */
    static Mask rectangle(Rng rng, int size) {
        int lo = Math.max(1, size / 8), hi = 3 * size / 4;
        int h = lo + rng.nextInt(hi - lo + 1), w = lo + rng.nextInt(hi - lo + 1);
        int top = rng.nextInt(size - h + 1), left = rng.nextInt(size - w + 1);
        return Masks.build("rectangle", size, (r, c) -> r < top || r >= top + h || c < left || c >= left + w);
    }
}
