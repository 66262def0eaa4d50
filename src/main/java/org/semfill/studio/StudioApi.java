package org.semfill.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.completion.Mask;
import org.semfill.completion.Masks;
import org.semfill.gan.Dcgan;
import org.semfill.internal.Rng;

/**
 * What the studio's JSON endpoints answer, apart from HTTP: the model's description, the held-out images,
 * uploads, preset masks and completion jobs. {@link StudioHandler} maps requests onto these methods.
 */
final class StudioApi implements AutoCloseable {
    /** The preset masks offered as buttons ({@code full} has no hole, so nothing to complete). */
    static final List<String> MASK_BUTTONS = Masks.NAMES.stream().filter(n -> !n.equals("full")).toList();

    private final Dcgan gan;
    private final String modelLabel;
    private final int maxUploadBytes;
    private final ImageStore images = new ImageStore();
    private final JobRunner jobs;
    private final Rng seeds;
    private final List<Map<String, String>> heldOutList = new ArrayList<>();
    private final String heldOutNote;
    private final DecodeBudget decoding;

    /**
     * @param heldOut images (N, C, S, S) at the model's size to offer as examples, or null
     * @param heldOutNote where they come from, or why there are none
     */
    StudioApi(Dcgan gan, String modelLabel, int maxUploadBytes, float[] heldOut, int n, String heldOutNote, long seed) {
        this.gan = gan;
        this.modelLabel = modelLabel;
        this.maxUploadBytes = maxUploadBytes;
        this.jobs = new JobRunner(gan);
        this.seeds = new Rng(seed);
        this.heldOutNote = heldOutNote;
        int c = gan.config.channels(), s = gan.config.size();
        if (heldOut != null) {
            images.addHeldOut(heldOut, n, c * s * s, "example");
            for (ImageStore.StudioImage img : images.heldOut())
                heldOutList.add(Map.of("id", img.id(), "png", Png.dataUrl(img.pixels(), c, s, s)));
        }
        this.decoding = DecodeBudget.ofThisHeap(); // measured now, with the model and the examples in memory
    }

    int maxUploadBytes() {
        return maxUploadBytes;
    }

    Map<String, Object> model() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", modelLabel);
        out.put("size", gan.config.size());
        out.put("channels", gan.config.channels());
        out.put("nz", gan.config.nz());
        out.put("description", gan.config.size() + " x " + gan.config.size() + (gan.config.channels() == 1 ? " grayscale" : " colour")
                + ", latent size " + gan.config.nz() + (gan.hasEncoder() ? "; the search starts from its encoder" : ""));
        out.put("maskTypes", MASK_BUTTONS);
        out.put("maxIterations", CompleteRequest.MAX_ITERATIONS);
        out.put("maxRestarts", CompleteRequest.MAX_RESTARTS);
        out.put("maxUploadBytes", maxUploadBytes);
        // from the encoder's start the search is done in about a hundred steps (train-encoder)
        out.put("encoder", gan.hasEncoder());
        out.put("defaults", Map.of("iterations", gan.hasEncoder() ? CompleteRequest.DEFAULT_LEARNED_ITERATIONS : CompleteRequest.DEFAULT_ITERATIONS, "restarts", CompleteRequest.DEFAULT_RESTARTS,
                "lambda", CompleteRequest.DEFAULT_LAMBDA, "hmcIterations", CompleteRequest.DEFAULT_HMC_ITERATIONS, "fills", CompleteRequest.DEFAULT_FILLS));
        out.put("approaches", List.of("adam", "hmc"));
        out.put("minFills", CompleteRequest.MIN_FILLS);
        out.put("maxFills", CompleteRequest.MAX_FILLS);
        out.put("maxHmcIterations", CompleteRequest.MAX_HMC_ITERATIONS);
        out.put("hmc", Map.of("beta", CompleteRequest.HMC.beta(), "step", CompleteRequest.HMC.step(), "leapfrog", CompleteRequest.HMC.leapfrog()));
        return out;
    }

    Map<String, Object> heldOut() {
        return Map.of("images", heldOutList, "note", heldOutNote);
    }

    /** Decodes and keeps an upload; answers its id and how it looks at the model's size. */
    Map<String, Object> upload(byte[] bytes) {
        int c = gan.config.channels(), s = gan.config.size();
        UploadDecoder.Decoded d = UploadDecoder.decode(bytes, s, c, decoding);
        ImageStore.StudioImage img = images.addUpload(d.pixels(), "upload " + d.originalWidth() + "x" + d.originalHeight());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", img.id());
        out.put("png", Png.dataUrl(img.pixels(), c, s, s));
        out.put("note", String.format("%s %d x %d, centre square resized to %d x %d%s", d.format(), d.originalWidth(), d.originalHeight(),
                s, s, c == 1 ? " grey" : ""));
        return out;
    }

    /**
     * A preset mask as 0/1 values (1 = known), row by row, for the page to start painting from, and its block: 1, or
     * k for lowres, which knows only the k x k block means (all its pixel values are 0).
     */
    Map<String, Object> mask(String type) {
        Mask m;
        synchronized (seeds) {
            m = MaskDecoder.preset(type, gan.config.size(), seeds.split());
        }
        int[] known = new int[m.planeSize()];
        for (int i = 0; i < known.length; i++) known[i] = m.isKnown(i) ? 1 : 0;
        return Map.of("name", m.name(), "size", m.height(), "known", known, "block", m.block()); // block > 1: lowres, the block means are known
    }

    /**
     * Checks the request and admits its job ({@link JobRunner}: it supersedes the earlier job of the same page
     * {@code session}, null for a request of its own); answers the job's id and how many jobs are ahead of it.
     */
    Map<String, Object> complete(CompleteRequest request, String session) {
        long seed;
        synchronized (seeds) {
            seed = seeds.nextLong();
        }
        if (request == null) throw HttpError.badRequest("empty request: send the image id, the mask and the settings as JSON");
        JobSpec spec = request.check(images, gan.config.size(), seed);
        StudioJob job = jobs.start(spec, session);
        return Map.of("jobId", job.id);
    }

    StudioJob job(String id) {
        return jobs.get(id);
    }

    @Override
    public void close() {
        jobs.close();
    }
}
