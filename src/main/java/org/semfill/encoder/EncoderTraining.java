package org.semfill.encoder;

import static org.semfill.encoder.EncoderSetting.FORCE;
import static org.semfill.encoder.EncoderSetting.LEARNING_RATE;
import static org.semfill.encoder.EncoderSetting.RESUME;
import static org.semfill.encoder.EncoderSetting.STEPS;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semfill.autograd.Ops;
import org.semfill.completion.Mask;
import org.semfill.data.TrainingImages;
import org.semfill.gan.Checkpoint;
import org.semfill.gan.Dcgan;
import org.semfill.gan.Encoder;
import org.semfill.gan.RunDirectory;
import org.semfill.gan.TrainStep;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.Progress;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.io.TypedArray;
import org.semfill.nn.Inference;
import org.semfill.optim.Adam;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * Trains a model's {@link Encoder}: after the GAN, with G and D frozen (after Lahiri et al. 2019). Each step takes a
 * batch of images, part drawn by G from known z and part real training images, damages each with its own random
 * hole ({@link TrainingMasks}) and teaches E to map the damaged image to a z whose G(z) is the whole image:
 *
 * <pre>
 *   loss = mean |G(E(x_damaged)) - x|  +  zWeight * mean (E(x_damaged) - z)^2  (the second on G's images only)
 * </pre>
 *
 * The image term is what completion needs (G(z) close to the image, hole included); the z term gives E a direct
 * target where one exists and speeds the start. G runs in evaluation mode, as in the search, and only E learns.
 *
 * <p>Resumable: {@value #CHECKPOINT} in the run holds E, Adam's moments, the step, the random generator and the
 * loss log; continuing from it gives bit for bit what the uninterrupted run gives (same seed).
 */
public final class EncoderTraining {
    public static final String CHECKPOINT = RunDirectory.ENCODER_CHECKPOINT, LOG = RunDirectory.ENCODER_LOG, CHART = RunDirectory.ENCODER_CHART;
    static final String OPTIONS_KEY = "semfill.encoder-options";

    private final Dcgan gan;
    private final Encoder encoder;
    private final TrainingImages real; // may be null: G's images only
    private final EncoderOptions opt;
    private final Path run;
    private final Adam adam;
    private final PrintStream log;
    private final List<float[]> history = new ArrayList<>(); // step, total, image, z
    private Rng rng;
    private long step;
    private final Buffers.Pool buffers = new Buffers.Pool();

    private EncoderTraining(Dcgan gan, TrainingImages real, EncoderOptions opt, Path run, PrintStream log) {
        this.gan = gan;
        this.real = real != null && real.n() > 0 && opt.realRows() > 0 ? real : null;
        this.opt = opt;
        this.run = run;
        this.log = log;
        this.encoder = Encoder.create(gan.config, opt.seed());
        this.adam = new Adam(encoder.net.parameters(), opt.lr(), opt.beta1(), 0.999f, 1e-8f);
        this.rng = new Rng(opt.seed()).split();
        if (this.real != null) {
            if (real.c() != gan.config.channels() || real.h() != gan.config.size() || real.w() != gan.config.size())
                throw new UserError("the real images are " + real.c() + "x" + real.h() + "x" + real.w() + " but the model makes "
                        + gan.config.channels() + "x" + gan.config.size() + "x" + gan.config.size() + "; give images of the model's size and channels");
        }
    }

    /** A new encoder training for the model in {@code run}, learning from G's images and, if given, {@code real} ones. */
    public static EncoderTraining start(Dcgan gan, TrainingImages real, EncoderOptions opt, Path run, PrintStream log) {
        return new EncoderTraining(gan, real, opt, run, log);
    }

    /**
     * Continues the encoder training whose checkpoint is in {@code run}, with its stored options and {@code steps} in
     * all (0 keeps the stored total).
     */
    public static EncoderTraining resume(Dcgan gan, TrainingImages real, Path run, int steps, PrintStream log) {
        Path file = run.resolve(CHECKPOINT);
        if (!Files.exists(file))
            throw new SettingError(RESUME, name -> "cannot resume: " + file + " does not exist (start without " + name.apply(RESUME) + ")");
        SafeTensors.Contents c = SafeTensors.read(file);
        Encoder.requireTrainedAgainst(c.metadata(), gan.generatorSha256(), file);
        EncoderOptions stored = options(c, file);
        EncoderOptions opt = steps > 0 ? stored.withSteps(steps) : stored;
        EncoderTraining t = new EncoderTraining(gan, real, opt, run, log);
        Map<String, TypedArray> e = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("E.")) e.put(k, v);
        });
        org.semfill.gan.StateFiles.load(t.encoder.net.stateDict(), e, "E.", file);
        Checkpoint.loadOptimizer(c.tensors(), "opt.", t.adam, file);
        t.step = c.require("step").longs()[0];
        t.rng = Rng.fromState(c.require("rng").longs());
        float[] h = c.require("history").floats();
        for (int i = 0; i + 4 <= h.length && t.history.size() < t.step; i += 4) t.history.add(java.util.Arrays.copyOfRange(h, i, i + 4));
        if (t.step >= opt.steps())
            throw new SettingError(STEPS, name -> "the encoder in " + run + " has done " + t.step + " steps of " + opt.steps()
                    + "; give a larger total with " + name.apply(RESUME) + " " + name.apply(STEPS) + " N");
        return t;
    }

    /** Steps done so far. */
    public long step() {
        return step;
    }

    public Encoder encoder() {
        return encoder;
    }

    /** Trains to the planned number of steps (or {@code stopAfter} more, if >= 0), writes the encoder and returns it. */
    public Encoder train(long stopAfter) {
        int b = opt.batch(), nReal = real == null ? 0 : opt.realRows(), nGen = b - nReal, nz = gan.config.nz();
        int size = gan.config.size(), per = gan.config.channels() * size * size;
        log.printf("encoder: %,d parameters; %d steps of %d images (%d drawn by G, %d real%s), a random hole each%n",
                encoder.parameterCount(), opt.steps(), b, nGen, nReal, real == null ? "" : " from " + real.source());
        if (step > 0) log.printf("resuming at step %d%n", step);
        boolean gWasTraining = gan.generator.isTraining();
        gan.generator.train(false); // as in the search: batch norm with its running statistics
        gan.generator.requiresGrad(false);
        long lastCheckpoint = System.nanoTime(), ranHere = 0;
        try (Progress bar = Progress.start("train-encoder", opt.steps(), "step")) {
            if (step > 0) bar.step(step);
            encoder.net.train(true);
            while (step < opt.steps()) {
                float[] losses = oneStep(nGen, nReal, per, nz, size);
                if (!Float.isFinite(losses[0]))
                    throw new SettingError(LEARNING_RATE, name -> "the encoder's loss became " + losses[0] + " at step " + (step + 1)
                            + "; the last checkpoint " + run.resolve(CHECKPOINT) + " is kept; try a lower " + name.apply(LEARNING_RATE)
                            + " or resume with " + name.apply(RESUME));
                history.add(new float[] {step + 1, losses[0], losses[1], losses[2]});
                step++;
                ranHere++;
                bar.status(String.format("loss %.4f (image %.4f, z %.4f)", losses[0], losses[1], losses[2]));
                bar.step(1);
                boolean timeUp = opt.checkpointMinutes() > 0 && System.nanoTime() - lastCheckpoint >= opt.checkpointMinutes() * 60e9;
                if (timeUp || step == opt.steps()) {
                    checkpoint();
                    lastCheckpoint = System.nanoTime();
                }
                if (stopAfter >= 0 && ranHere >= stopAfter) return encoder;
            }
        } finally {
            gan.generator.requiresGrad(true);
            gan.generator.train(gWasTraining);
        }
        encoder.save(run.resolve(Encoder.FILE), gan.generatorSha256());
        chart();
        return encoder;
    }

    /** One Adam step on E; returns the total, image and z losses. */
    private float[] oneStep(int nGen, int nReal, int per, int nz, int size) {
        int b = nGen + nReal;
        float[] z = TrainStep.noise(rng, nGen, nz).data();
        float[] x = new float[b * per];
        try (var s = Inference.of(gan.generator)) {
            System.arraycopy(gan.generator.forward(Tensor.of(z, nGen, nz, 1, 1)).data(), 0, x, 0, nGen * per);
        }
        if (nReal > 0) {
            int[] pick = new int[nReal];
            for (int i = 0; i < nReal; i++) pick[i] = rng.nextInt(real.n());
            float[] r = new float[nReal * per];
            real.copyBatch(pick, 0, nReal, r);
            System.arraycopy(r, 0, x, nGen * per, r.length);
        }
        float[] damaged = new float[b * per], known = new float[b * size * size];
        for (int i = 0; i < b; i++) {
            Mask m = TrainingMasks.draw(rng, size);
            System.arraycopy(m.damage(java.util.Arrays.copyOfRange(x, i * per, (i + 1) * per), 0f), 0, damaged, i * per, per);
            System.arraycopy(m.toArray(), 0, known, i * size * size, size * size);
        }
        float[] zTarget = new float[b * nz]; // G's rows first; the real rows' zeros are never used
        System.arraycopy(z, 0, zTarget, 0, z.length);
        try (var scope = buffers.open()) {
            adam.zeroGrad();
            Tensor[] l = loss(encoder, gan.generator, encoder.input(damaged, known, b), Tensor.of(x, b, gan.config.channels(), size, size),
                    Tensor.of(zTarget, b, nz, 1, 1), nGen, opt.zWeight());
            float total = l[0].item();
            if (Float.isFinite(total)) {
                l[0].backward();
                adam.step();
            }
            return new float[] {total, l[1].item(), l[2].item()};
        }
    }

    /**
     * The encoder's loss on one batch: {total, image, z}, where image = mean |G(E(input)) - x| over every pixel and
     * z = the mean of (E(input) - z)^2 over the first {@code nGen} rows (G's images; the real rows have no z), and
     * total = image + zWeight * z. G is used as given (the caller freezes it).
     */
    static Tensor[] loss(Encoder e, org.semfill.nn.Module g, Tensor input, Tensor x, Tensor zTarget, int nGen, float zWeight) {
        int b = x.dim(0), nz = e.config.nz();
        Tensor zHat = e.net.forward(input);
        Tensor image = Ops.l1Loss(g.forward(zHat), x);
        float[] rows = new float[b * nz];
        java.util.Arrays.fill(rows, 0, nGen * nz, 1f);
        Tensor zErr = Ops.mul(Ops.sub(zHat, zTarget), Tensor.of(rows, b, nz, 1, 1)); // real rows: no target, no error
        Tensor z = Ops.mulScalar(Ops.mean(Ops.mul(zErr, zErr)), nGen == 0 ? 0f : (float) b / nGen); // the mean over G's rows
        return new Tensor[] {Ops.add(image, Ops.mulScalar(z, zWeight)), image, z};
    }

    /** Writes the checkpoint now, as a time-based checkpoint would (for tests of resuming). */
    void checkpointNow() {
        checkpoint();
    }

    private void checkpoint() {
        Map<String, TypedArray> t = new LinkedHashMap<>(org.semfill.gan.StateFiles.toArrays(encoder.net.stateDict(), "E."));
        Checkpoint.putOptimizer(t, "opt.", adam);
        t.put("step", TypedArray.scalarI64(step));
        t.put("rng", TypedArray.i64(rng.state(), rng.state().length));
        float[] h = new float[Math.max(1, history.size()) * 4];
        for (int i = 0; i < history.size(); i++) System.arraycopy(history.get(i), 0, h, i * 4, 4);
        t.put("history", TypedArray.f32(h, h.length / 4, 4));
        SafeTensors.write(run.resolve(CHECKPOINT), t, Map.of(OPTIONS_KEY, toJson(opt), Encoder.GENERATOR_KEY, gan.generatorSha256()));
        StringBuilder csv = new StringBuilder("step,loss,image,z\n");
        for (float[] r : history) csv.append((long) r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',').append(r[3]).append('\n');
        try {
            AtomicFiles.writeString(run.resolve(LOG), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loss curves, smoothed, as {@value #CHART}. */
    private void chart() {
        double[] s = new double[history.size()], image = new double[s.length], zl = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            float[] r = history.get(i);
            s[i] = r[0];
            image[i] = r[2];
            zl[i] = r[3];
        }
        new org.semfill.charts.LineChart("Encoder training", "step", "loss (smoothed)").logY(true)
                .line("image: mean |G(E(x)) - x|", s, org.semfill.charts.Smoothing.movingAverage(image, 50))
                .line("z: mean (E(x) - z)^2, G's images", s, org.semfill.charts.Smoothing.movingAverage(zl, 50))
                .writePng(run.resolve(CHART), 800, 450);
    }

    private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

    static String toJson(EncoderOptions o) {
        return GSON.toJson(o);
    }

    static EncoderOptions options(SafeTensors.Contents c, Path file) {
        String json = c.metadata() == null ? null : c.metadata().get(OPTIONS_KEY);
        if (json == null) throw new UserError(file + " is not an encoder checkpoint (no " + OPTIONS_KEY + " in its metadata)");
        try {
            return GSON.fromJson(json, EncoderOptions.class);
        } catch (RuntimeException e) {
            throw new SettingError(FORCE, name -> file + ": its stored options cannot be read (" + e.getMessage() + "); start again with "
                    + name.apply(FORCE));
        }
    }
}
