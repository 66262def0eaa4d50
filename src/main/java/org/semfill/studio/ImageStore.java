package org.semfill.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The images the page can complete, in memory, under ids the server makes: {@code h0, h1, ...} for the
 * example images ({@link ExampleImages}) and {@code u1, u2, ...} for uploads. Only the newest {@link #MAX_UPLOADS}
 * uploads are kept. Thread-safe.
 */
final class ImageStore {
    static final int MAX_UPLOADS = 32;
    /** The only form an image id may take; anything else is refused before a lookup. */
    static final Pattern ID = Pattern.compile("[hu][0-9]{1,9}");

    /** One image at the model's size: pixels (C, S, S) in [-1, 1]. */
    record StudioImage(String id, String label, float[] pixels) {}

    private final Map<String, StudioImage> heldOut = new LinkedHashMap<>();
    private final LinkedHashMap<String, StudioImage> uploads = new LinkedHashMap<>();
    private int nextUpload = 1;

    /** Adds the held-out images (N, C, S, S), as h0 .. h(N-1). */
    synchronized void addHeldOut(float[] images, int n, int imageSize, String source) {
        for (int i = 0; i < n; i++) {
            float[] one = java.util.Arrays.copyOfRange(images, i * imageSize, (i + 1) * imageSize);
            heldOut.put("h" + i, new StudioImage("h" + i, source + " #" + i, one));
        }
    }

    /** Keeps an upload and returns it with its new id; the oldest upload goes when there are too many. */
    synchronized StudioImage addUpload(float[] pixels, String label) {
        String id = "u" + nextUpload++;
        StudioImage img = new StudioImage(id, label, pixels.clone());
        uploads.put(id, img);
        while (uploads.size() > MAX_UPLOADS) uploads.remove(uploads.keySet().iterator().next());
        return img;
    }

    synchronized List<StudioImage> heldOut() {
        return new ArrayList<>(heldOut.values());
    }

    /**
     * @throws HttpError 400 for a malformed id, 404 for one not (or no longer) here
     */
    synchronized StudioImage get(String id) {
        if (id == null || !ID.matcher(id).matches()) throw HttpError.badRequest("bad image id: give one the studio handed out");
        StudioImage img = id.startsWith("h") ? heldOut.get(id) : uploads.get(id);
        if (img == null) throw HttpError.notFound("no image " + id + " (uploads are kept in memory only while the studio runs; upload it again)");
        return img;
    }
}
