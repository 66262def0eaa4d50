package org.semfill.studio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import org.semfill.completion.HmcSampler;
import org.semfill.completion.Mask;
import org.semfill.completion.SearchSettings;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

/**
 * The JSON body of {@code POST /api/complete} as it arrives; {@link #check} turns it into a {@link JobSpec} or
 * refuses it with one line. Missing numbers take the studio's defaults. {@link #parse} checks each field's JSON
 * type and names the field when it is wrong ({@code "weighted": "maybe"} is refused, not read as false).
 *
 * <pre>{"imageId": "h3", "mask": "center" | "data:image/png;base64,...", "approach": "adam" | "hmc",
 *  "iterations": 500, "restarts": 4, "fills": 4, "lambda": 0.1, "blend": "poisson" | "none", "weighted": true, "seed": 7}</pre>
 *
 * {@code approach} "adam" (the default) searches for the best z from {@code restarts} starts; "hmc" samples
 * {@code fills} different fills by Hamiltonian Monte Carlo on z (one chain each, {@link #HMC} knobs), of which the
 * user picks one. {@code restarts} is only for adam and {@code fills} only for hmc; an HMC iteration runs
 * {@link #HMC}'s leapfrog steps, so HMC has its own, lower, iteration limit.
 */
final class CompleteRequest {
    static final int MAX_ITERATIONS = 5000, MAX_RESTARTS = 8;
    static final int DEFAULT_ITERATIONS = 500, DEFAULT_RESTARTS = 4;
    /** The page's iterations for a model with an encoder: from its start the search needs far fewer. */
    static final int DEFAULT_LEARNED_ITERATIONS = 100;
    static final float DEFAULT_LAMBDA = 0.1f, MAX_LAMBDA = 100f;
    static final int MIN_FILLS = 2, MAX_FILLS = 8, DEFAULT_FILLS = 4;
    static final int MAX_HMC_ITERATIONS = 500, DEFAULT_HMC_ITERATIONS = 100;
    /**
     * The studio's HMC: beta 1, 10 leapfrog steps of 0.01, no annealing. Amos's 100 steps of 0.001 barely move z in
     * the iterations a page can wait for; these chains fit the known pixels of the bundled garments within about 50
     * iterations and still differ from one another.
     */
    static final HmcSampler.Settings HMC = new HmcSampler.Settings(1f, 0.01f, 10, 1f);

    String imageId;
    String mask;
    Integer iterations;
    Integer restarts;
    String approach;
    Integer fills;
    Float lambda;
    String blend;
    Boolean weighted;
    Long seed;

    /**
     * Reads the JSON body field by field; a field that is absent or null keeps its default, other fields are ignored.
     *
     * @throws HttpError 400 if the body is not a JSON object, or naming the field whose value has the wrong type
     */
    static CompleteRequest parse(String body) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw HttpError.badRequest("the request is not valid JSON: send an object like {\"imageId\": \"h0\", \"mask\": \"center\"}");
        }
        if (root == null || root.isJsonNull()) return null;
        if (!root.isJsonObject())
            throw HttpError.badRequest("the request must be a JSON object like {\"imageId\": \"h0\", \"mask\": \"center\"}");
        JsonObject o = root.getAsJsonObject();
        CompleteRequest r = new CompleteRequest();
        r.imageId = text(o, "imageId");
        r.mask = text(o, "mask");
        Long it = whole(o, "iterations"), k = whole(o, "restarts"), f = whole(o, "fills");
        r.iterations = it == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, it));
        r.restarts = k == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, k));
        r.fills = f == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, f));
        r.approach = text(o, "approach");
        JsonPrimitive lam = primitive(o, "lambda", "a number");
        if (lam != null && !lam.isNumber()) throw wrongType("lambda", "a number", lam);
        r.lambda = lam == null ? null : (float) lam.getAsDouble();
        r.blend = text(o, "blend");
        JsonPrimitive w = primitive(o, "weighted", "true or false");
        if (w != null && !w.isBoolean()) throw wrongType("weighted", "true or false", w);
        r.weighted = w == null ? null : w.getAsBoolean();
        r.seed = whole(o, "seed");
        return r;
    }

    /** The field's value if present and not null; an array or object is refused naming the expected type. */
    private static JsonPrimitive primitive(JsonObject o, String name, String expected) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive())
            throw HttpError.badRequest(name + " must be " + expected + ", got " + (e.isJsonArray() ? "a list" : "an object"));
        return e.getAsJsonPrimitive();
    }

    private static String text(JsonObject o, String name) {
        JsonPrimitive p = primitive(o, name, "a string");
        if (p != null && !p.isString()) throw wrongType(name, "a string", p);
        return p == null ? null : p.getAsString();
    }

    /** A whole number (5, 5.0, 5e2); a fraction, a string or one beyond the range of a long is refused. */
    private static Long whole(JsonObject o, String name) {
        JsonPrimitive p = primitive(o, name, "a whole number");
        if (p == null) return null;
        if (!p.isNumber()) throw wrongType(name, "a whole number", p);
        try {
            BigDecimal v = new BigDecimal(p.getAsString());
            return v.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw HttpError.badRequest(name + " must be a whole number" + (name.equals("seed") ? "" : " in range") + ", got " + shortText(p));
        }
    }

    private static HttpError wrongType(String name, String expected, JsonPrimitive got) {
        return HttpError.badRequest(name + " must be " + expected + ", got " + (got.isString() ? "the text \"" + shortText(got) + "\""
                : got.isBoolean() ? got.getAsString() : shortText(got)));
    }

    private static String shortText(JsonPrimitive p) {
        return shortText(p.getAsString());
    }

    private static String shortText(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "...";
    }

    /**
     * @param defaultSeed the seed when the request has none
     * @throws HttpError 400 naming the bad field
     */
    JobSpec check(ImageStore images, int size, long defaultSeed) {
        if (imageId == null) throw HttpError.badRequest("no image chosen: pick a held-out image or upload one");
        ImageStore.StudioImage image = images.get(imageId);
        String how = approach == null ? "adam" : approach;
        if (!how.equals("adam") && !how.equals("hmc"))
            throw HttpError.badRequest("approach must be adam (search the best fill) or hmc (sample several fills), got " + shortText(how));
        boolean hmc = how.equals("hmc");
        if (hmc && restarts != null)
            throw HttpError.badRequest("restarts is for approach adam; with approach hmc, fills sets how many fills (chains) to sample");
        if (!hmc && fills != null)
            throw HttpError.badRequest("fills is for approach hmc; approach adam finds one fill (restarts sets its starts)");
        int iters = iterations == null ? (hmc ? DEFAULT_HMC_ITERATIONS : DEFAULT_ITERATIONS) : iterations;
        if (hmc && (iters < 1 || iters > MAX_HMC_ITERATIONS))
            throw HttpError.badRequest("with approach hmc, iterations must be between 1 and " + MAX_HMC_ITERATIONS + " (each runs "
                    + HMC.leapfrog() + " leapfrog steps), got " + iters);
        if (iters < 1 || iters > MAX_ITERATIONS)
            throw HttpError.badRequest("iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iters);
        int k = hmc ? (fills == null ? DEFAULT_FILLS : fills) : (restarts == null ? DEFAULT_RESTARTS : restarts);
        if (hmc && (k < MIN_FILLS || k > MAX_FILLS))
            throw HttpError.badRequest("fills must be between " + MIN_FILLS + " and " + MAX_FILLS + ", got " + k);
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
            settings = SearchSettings.defaults().withIterations(iters).withLambda(lam).withRestarts(k);
        } catch (UserError e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return new JobSpec(image, m, settings, weighted == null || weighted, b.equals("poisson"), root.nextLong(), hmc ? HMC : null);
    }
}
