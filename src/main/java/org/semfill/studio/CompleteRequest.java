package org.semfill.studio;

import org.semfill.completion.Mask;
import org.semfill.completion.SearchSettings;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

/**
 * The JSON body of {@code POST /api/complete} as it arrives; {@link #check} turns it into a {@link JobSpec} or
 * refuses it with one line. Missing numbers take the studio's defaults.
 *
 * <pre>{"imageId": "h3", "mask": "center" | "data:image/png;base64,...", "iterations": 500, "restarts": 4,
 *  "lambda": 0.1, "blend": "poisson" | "none", "weighted": true, "seed": 7}</pre>
 */
final class CompleteRequest {
    static final int MAX_ITERATIONS = 5000, MAX_RESTARTS = 8;
    static final int DEFAULT_ITERATIONS = 500, DEFAULT_RESTARTS = 4;
    static final float DEFAULT_LAMBDA = 0.1f, MAX_LAMBDA = 100f;

    String imageId;
    String mask;
    Integer iterations;
    Integer restarts;
    Float lambda;
    String blend;
    Boolean weighted;
    Long seed;

    /**
     * @param defaultSeed the seed when the request has none
     * @throws HttpError 400 naming the bad field
     */
    JobSpec check(ImageStore images, int size, long defaultSeed) {
        if (imageId == null) throw HttpError.badRequest("no image chosen: pick a held-out image or upload one");
        ImageStore.StudioImage image = images.get(imageId);
        int iters = iterations == null ? DEFAULT_ITERATIONS : iterations;
        if (iters < 1 || iters > MAX_ITERATIONS)
            throw HttpError.badRequest("iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iters);
        int k = restarts == null ? DEFAULT_RESTARTS : restarts;
        if (k < 1 || k > MAX_RESTARTS) throw HttpError.badRequest("restarts must be between 1 and " + MAX_RESTARTS + ", got " + k);
        float lam = lambda == null ? DEFAULT_LAMBDA : lambda;
        if (!(lam >= 0 && lam <= MAX_LAMBDA)) throw HttpError.badRequest("lambda must be between 0 and " + MAX_LAMBDA + ", got " + lam);
        String b = blend == null ? "poisson" : blend;
        if (!b.equals("poisson") && !b.equals("none")) throw HttpError.badRequest("blend must be poisson or none, got " + b);
        long s = seed == null ? defaultSeed : seed;
        if (mask == null || mask.isBlank()) throw HttpError.badRequest("no mask: paint the hole or pick a mask type");
        Rng root = new Rng(s); // one stream for a random mask, another for the starting z's
        Mask m = MaskDecoder.isPainted(mask) ? MaskDecoder.painted(mask, size) : MaskDecoder.preset(mask, size, root.split());
        if (!m.hasHole()) throw HttpError.badRequest("the mask has no hole: paint over the part of the image to fill in");
        SearchSettings settings;
        try {
            settings = new SearchSettings(iters, 0.01f, 0.9f, 0.999f, lam, k);
        } catch (UserError e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return new JobSpec(image, m, settings, weighted == null || weighted, b.equals("poisson"), root.nextLong());
    }
}
