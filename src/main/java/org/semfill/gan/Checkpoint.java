package org.semfill.gan;

import static org.semfill.gan.TrainingSetting.RESUME;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semfill.internal.Rng;
import org.semfill.internal.SettingError;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.io.TypedArray;
import org.semfill.optim.Adam;

/**
 * The complete state of a training run in one safetensors file, written atomically: both networks ("G.",
 * "D." + their state keys), both optimisers' moments and step counts, the noise generator, the batcher's
 * position and the loss history. Restoring it and continuing gives bit for bit what the uninterrupted run
 * gives (same seed).
 */
public final class Checkpoint {
    public static final String FILE = org.semfill.data.RunFolderMarker.CHECKPOINT;

    private Checkpoint() {}

    /** What a checkpoint holds besides the networks (which are restored in place). */
    public record Position(long iteration, long[] rng, long[] batcher, History history) {}

    public static void save(Path runDir, Dcgan gan, Adam optD, Adam optG, long iteration, Rng rng, long[] batcher, History history) {
        Map<String, TypedArray> t = new LinkedHashMap<>();
        t.putAll(StateFiles.toArrays(gan.generator.stateDict(), "G."));
        t.putAll(StateFiles.toArrays(gan.discriminator.stateDict(), "D."));
        putOptimizer(t, "optG.", optG);
        putOptimizer(t, "optD.", optD);
        t.put("iteration", TypedArray.scalarI64(iteration));
        t.put("rng", TypedArray.i64(rng.state(), rng.state().length));
        t.put("batcher", TypedArray.i64(batcher, batcher.length));
        t.put("history", TypedArray.f32(history.flat(), history.size(), History.COLUMNS));
        SafeTensors.write(runDir.resolve(FILE), t, Map.of(ModelFiles.CONFIG_KEY, Json.config(gan.config)));
    }

    /** Restores networks and optimisers in place and returns the rest. */
    public static Position load(Path runDir, Dcgan gan, Adam optD, Adam optG) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file))
            throw new SettingError(RESUME, name -> "cannot resume: " + file + " does not exist (start without " + name.apply(RESUME) + ")");
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, TypedArray> t = c.tensors();
        StateFiles.load(gan.generator.stateDict(), filter(t, "G."), "G.", file);
        StateFiles.load(gan.discriminator.stateDict(), filter(t, "D."), "D.", file);
        loadOptimizer(t, "optG.", optG, file);
        loadOptimizer(t, "optD.", optD, file);
        TypedArray h = c.require("history");
        return new Position(c.require("iteration").longs()[0], c.require("rng").longs(), c.require("batcher").longs(),
                History.fromFlat(h.floats()));
    }

    private static Map<String, TypedArray> filter(Map<String, TypedArray> t, String prefix) {
        Map<String, TypedArray> out = new LinkedHashMap<>();
        t.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k, v);
        });
        return out;
    }

    /** Adds {@code opt}'s step count and moments to {@code t} under {@code prefix}. */
    public static void putOptimizer(Map<String, TypedArray> t, String prefix, Adam opt) {
        t.put(prefix + "step", TypedArray.scalarI64(opt.stepCount()));
        for (int i = 0; i < opt.firstMoments().length; i++) {
            t.put(prefix + "m." + i, TypedArray.f32(opt.firstMoments()[i], opt.firstMoments()[i].length));
            t.put(prefix + "v." + i, TypedArray.f32(opt.secondMoments()[i], opt.secondMoments()[i].length));
        }
    }

    /** Restores {@code opt}'s step count and moments from what {@link #putOptimizer} stored in {@code t}. */
    public static void loadOptimizer(Map<String, TypedArray> t, String prefix, Adam opt, Path file) {
        TypedArray step = t.get(prefix + "step");
        if (step == null) throw new UserError(file + " lacks the optimiser state '" + prefix + "step'; it is not a semfill checkpoint");
        opt.restoreStep(step.longs()[0]);
        for (int i = 0; i < opt.firstMoments().length; i++) {
            copy(t, prefix + "m." + i, opt.firstMoments()[i], file);
            copy(t, prefix + "v." + i, opt.secondMoments()[i], file);
        }
    }

    private static void copy(Map<String, TypedArray> t, String key, float[] dst, Path file) {
        TypedArray a = t.get(key);
        if (a == null || a.dtype() != TypedArray.DType.F32 || a.numel() != dst.length)
            throw new UserError(file + ": optimiser tensor '" + key + "' is missing or has the wrong size");
        System.arraycopy(a.floats(), 0, dst, 0, dst.length);
    }

}
