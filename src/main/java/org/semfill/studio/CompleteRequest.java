package org.semfill.studio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import org.semfill.completion.Mask;
import org.semfill.completion.SearchSettings;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;

/**
 * The JSON body of {@code POST /api/complete} as it arrives; {@link #check} turns it into a {@link JobSpec} or
 * refuses it with one line. Missing numbers take the studio's defaults. {@link #parse} checks each field's JSON
 * type and names the field when it is wrong ({@code "weighted": "maybe"} is refused, not read as false).
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
        Long it = whole(o, "iterations"), k = whole(o, "restarts");
        r.iterations = it == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, it));
        r.restarts = k == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, k));
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
        String s = p.getAsString();
        return s.length() <= 30 ? s : s.substring(0, 30) + "...";
    }

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
            settings = SearchSettings.defaults().withIterations(iters).withLambda(lam).withRestarts(k);
        } catch (UserError e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return new JobSpec(image, m, settings, weighted == null || weighted, b.equals("poisson"), root.nextLong());
    }
}
