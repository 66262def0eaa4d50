package org.semfill.completion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semfill.autograd.FrozenWeights;
import org.semfill.autograd.Ops;
import org.semfill.gan.TrainStep;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.nn.Module;
import org.semfill.optim.Adam;
import org.semfill.tensor.Buffers;
import org.semfill.tensor.Tensor;

/**
 * The search for the latent z whose G(z) best explains the known pixels (Yeh et al. 2016, section 3):
 * minimise L(z) = || W * (G(z) - y) ||_1 + lambda * log(1 - D(G(z))) over z by Adam, with G and D frozen in
 * evaluation mode and z clipped to [-1, 1] after every step. Each image of the batch has its own z; as G
 * and D are in eval mode (batch norm uses running statistics) the images do not interact, so the sum over
 * the batch is minimised image by image. Restarts are extra rows of the same batch.
 *
 * <p>The loss is built row by row (one contextual and one perceptual term per row) and then summed, so the
 * per-row losses used for choosing among restarts and for charts are the graph's own values. {@link #close}
 * gives G and D back the training modes and requiresGrad flags they had before the search froze them.
 */
public final class LatentSearch implements AutoCloseable {
    private final Module g, d;
    private final int nz;
    private final Tensor y, w; // y (B, C, H, W) known image repeated per restart; w (B, 1, H, W) weights
    private final Tensor z;    // (B, nz, 1, 1): the variable
    private final Adam adam;
    private final float lambda;
    private final float[] lastLoss;   // per row: contextual + lambda * perceptual
    private final float[] lastContext, lastPercept;
    private Tensor lastG;
    private final float[] zOfLastG;
    private int iteration;
    private final Buffers.Pool buffers = new Buffers.Pool();
    private final FrozenWeights packed = new FrozenWeights(); // G's and D's weights packed once for every step
    private final Runnable unfreeze;

    /**
     * @param y       known images (N, C, H, W) in [-1, 1]; values in the hole are ignored. Or, for low-resolution
     *                completion, their k x k block means (N, C, H/k, W/k) for a G of side H: then the contextual loss
     *                compares the block means of G(z) with them (see {@link #contextual})
     * @param weights contextual weights (N, 1, H, W) or (1, 1, H, W): 0 in the hole; at y's size
     * @param restarts rows per image; row r * N + i belongs to image i
     */
    public LatentSearch(Module generator, Module discriminator, int nz, Tensor y, Tensor weights, SearchSettings s, Rng rng) {
        this(generator, discriminator, nz, y, weights, s, null, rng);
    }

    /**
     * As above, with the first restart of each image starting from {@code start} (N * nz values, e.g. a learned
     * encoder's guess) instead of a random z; null starts every row at random. The random draws are the same
     * either way, so the other restarts do not change when a start is given.
     */
    public LatentSearch(Module generator, Module discriminator, int nz, Tensor y, Tensor weights, SearchSettings s, float[] start, Rng rng) {
        Check.arg(y.rank() == 4 && weights.rank() == 4, "search needs (N, C, H, W) images and (N|1, 1, H, W) weights");
        this.g = generator;
        this.d = discriminator;
        this.nz = nz;
        int k = s.restarts(), n = y.dim(0);
        this.y = repeat(y, k);
        this.w = weights.dim(0) == 1 ? weights : repeat(weights, k);
        this.z = Tensor.variable(TrainStep.noise(rng, n * k, nz).data(), n * k, nz, 1, 1);
        if (start != null) {
            Check.arg(start.length == n * nz, "the search's start needs " + n * nz + " latent values, got " + start.length);
            System.arraycopy(start, 0, z.data(), 0, start.length); // rows 0..N-1: restart 0 of every image
            TrainStep.clipToPrior(z.data());
        }
        this.adam = new Adam(java.util.List.of(z), s.lr(), s.beta1(), s.beta2(), 1e-8f);
        this.lambda = s.lambda();
        this.lastLoss = new float[n * k];
        this.zOfLastG = new float[n * k * nz];
        this.lastContext = new float[n * k];
        this.lastPercept = new float[n * k];
        this.unfreeze = modesOf(generator, discriminator); // what close() restores
        g.train(false);
        d.train(false);
        g.requiresGrad(false);
        d.requiresGrad(false);
    }

    /** One Adam step on z; returns the total loss before the step (summed over rows). */
    public float step() {
        // every iteration has the same shapes: reuse the last one's arrays; and G and D are frozen: pack their weights once
        try (var scope = buffers.open(); var frozen = packed.use()) {
            return stepInScope();
        }
    }

    private float stepInScope() {
        adam.zeroGrad();
        Loss loss = loss(z, " at iteration " + (iteration + 1)); // G(z), D(G(z)), L(z), and dL/dz back-propagated
        System.arraycopy(z.data(), 0, zOfLastG, 0, zOfLastG.length); // the z that made lastG, before Adam moves it
        adam.step();
        TrainStep.clipToPrior(z.data()); // keep z where G was trained: the prior's [-1, 1]
        int rows = z.dim(0);
        System.arraycopy(loss.rows().data(), 0, lastLoss, 0, rows); // the graph's own per-row values, before the pool takes them back
        System.arraycopy(loss.contextual().data(), 0, lastContext, 0, rows);
        System.arraycopy(loss.perceptual().data(), 0, lastPercept, 0, rows);
        if (lastG == null) lastG = Tensor.zeros(loss.generated().shape());
        System.arraycopy(loss.generated().data(), 0, lastG.data(), 0, loss.generated().numel()); // its array goes back to the pool
        iteration++;
        return loss.total();
    }

    /**
     * The loss at the given z of every row without moving z or touching Adam's state (for samplers such as
     * {@link HmcSampler}): per row the loss, its contextual and perceptual parts, dL/dz (rows * nz) and G(z), all
     * copies. The graph is {@link #step()}'s, from the same method; as the rows are independent, dL/dz of the summed
     * loss is each row's own gradient.
     */
    public Evaluation evaluate(float[] zValues) {
        Check.arg(zValues.length == z.numel(), "evaluate needs " + z.numel() + " latent values, got " + zValues.length);
        try (var scope = buffers.open(); var frozen = packed.use()) {
            Tensor zv = Tensor.variable(zValues.clone(), z.shape());
            Loss loss = loss(zv, "");
            return new Evaluation(loss.rows().data().clone(), loss.contextual().data().clone(), loss.perceptual().data().clone(),
                    zv.grad().clone(), loss.generated().data().clone());
        }
    }

    /**
     * The completion loss at latent rows {@code zv}, back-propagated to them: the one graph both Adam's steps and
     * HMC's evaluations use. {@code when} ends the message if the loss is not finite.
     */
    private Loss loss(Tensor zv, String when) {
        int rows = zv.dim(0);
        Tensor gz = g.forward(zv);
        Tensor contextual = contextual(gz); // (rows): one sum per image
        Tensor dOut = d.forward(gz);
        // NOTE: 1f + 1e-8f rounds to 1 in float32; add the epsilon on its own so D = 1 gives log(1e-8), not log(0).
        Tensor perceptual = Ops.reshape(Ops.log(Ops.addScalar(Ops.addScalar(Ops.neg(dOut), 1f), 1e-8f)), rows);
        Tensor rowLoss = Ops.add(contextual, Ops.mulScalar(perceptual, lambda));
        Tensor loss = Ops.sum(rowLoss); // the batch's images are independent: minimising the sum minimises each
        float total = loss.item();
        if (!Float.isFinite(total))
            throw new UserError("the completion search's loss became " + total + when
                    + ": the model's generator or discriminator gives non-finite outputs; check the model (semfill inspect) or train it again");
        loss.backward();
        return new Loss(total, rowLoss, contextual, perceptual, gz);
    }

    /** One evaluation of the loss graph: the total, and per row the loss and its two parts, and G(z); the pool's arrays. */
    private record Loss(float total, Tensor rows, Tensor contextual, Tensor perceptual, Tensor generated) {}

    /**
     * The contextual loss per row, (rows). At full size: sum |W * (G(z) - y)|. When y is k times smaller than G(z)
     * it holds k x k block means (low-resolution completion, Amos 2016): sum |W * (avgpool_k(G(z)) - y)| times k^2.
     * One block mean stands for k^2 pixels, so k^2 makes the term the L1 distance between the two block-constant
     * images at full size: the size of the other masks' pixel L1, so lambda keeps the same balance with realism.
     */
    private Tensor contextual(Tensor gz) {
        int k = gz.dim(2) / y.dim(2);
        if (k == 1) return Ops.sum(Ops.abs(Ops.mul(Ops.sub(gz, y), w)), false, 1, 2, 3); // pixel masks: unchanged, op for op
        Check.arg(gz.dim(2) == k * y.dim(2) && gz.dim(3) == k * y.dim(3), "the known block means are " + y.dim(2) + "x" + y.dim(3)
                + ", which does not divide G's " + gz.dim(2) + "x" + gz.dim(3));
        return Ops.mulScalar(Ops.sum(Ops.abs(Ops.mul(Ops.sub(Ops.avgPool2d(gz, k), y), w)), false, 1, 2, 3), k * k);
    }

    /** Per row: loss, contextual and perceptual parts; dL/dz (rows * nz); G(z) (rows * C * H * W). */
    public record Evaluation(float[] loss, float[] contextual, float[] perceptual, float[] gradient, float[] generated) {}

    /** Latent values per row. */
    public int nz() {
        return nz;
    }

    /** Rows: images times restarts (or chains). */
    public int rows() {
        return z.dim(0);
    }

    public int iteration() {
        return iteration;
    }

    /** G(z) of the last step, (rows, C, H, W). */
    public Tensor lastGenerated() {
        return lastG;
    }

    public float[] lastRowLosses() {
        return lastLoss.clone();
    }

    public float[] lastContextual() {
        return lastContext.clone();
    }

    public float[] lastPerceptual() {
        return lastPercept.clone();
    }

    /** The z of every row that made the last step's G(z) and losses (before Adam moved it), (rows * nz): a copy. */
    public float[] lastZ() {
        return zOfLastG.clone();
    }

    /** The latent rows, (rows, nz, 1, 1), live. */
    public Tensor z() {
        return z;
    }

    /**
     * For each of the n images, the restart row with the lowest last loss; G(z) of those rows as (n, C, H, W).
     */
    public Result best(int n) {
        int rows = z.dim(0), k = rows / n, per = lastG.numel() / rows;
        float[] out = new float[n * per], zs = new float[n * nz], losses = new float[n];
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            int bestRow = i;
            for (int r = 1; r < k; r++) if (lastLoss[r * n + i] < lastLoss[bestRow]) bestRow = r * n + i;
            chosen[i] = bestRow / n;
            losses[i] = lastLoss[bestRow];
            System.arraycopy(lastG.data(), bestRow * per, out, i * per, per);
            System.arraycopy(zOfLastG, bestRow * nz, zs, i * nz, nz);
        }
        int[] shape = lastG.shape();
        shape[0] = n;
        return new Result(Tensor.of(out, shape), zs, losses, chosen);
    }

    /** The chosen G(z-hat) per image, its z, final loss, and which restart won. */
    public record Result(Tensor generated, float[] z, float[] loss, int[] restart) {}

    private static Tensor repeat(Tensor t, int k) {
        if (k == 1) return t;
        float[] d = t.data(), out = new float[d.length * k];
        for (int r = 0; r < k; r++) System.arraycopy(d, 0, out, r * d.length, d.length);
        int[] s = t.shape();
        s[0] *= k;
        return Tensor.of(out, s);
    }

    /** Gives G and D back the training modes and requiresGrad flags they had before this search froze them. */
    @Override
    public void close() {
        unfreeze.run();
    }

    /** Records every module's training mode and every parameter's requiresGrad flag; the result restores them. */
    private static Runnable modesOf(Module... nets) {
        List<Module> modules = new ArrayList<>();
        for (Module net : nets) collect(net, modules); // parents before children: restoring in order rebuilds mixed modes
        boolean[] training = new boolean[modules.size()];
        for (int i = 0; i < training.length; i++) training[i] = modules.get(i).isTraining();
        List<Tensor> params = new ArrayList<>();
        for (Module net : nets) params.addAll(net.parameters());
        boolean[] grad = new boolean[params.size()];
        for (int i = 0; i < grad.length; i++) grad[i] = params.get(i).requiresGrad();
        return () -> {
            for (int i = 0; i < training.length; i++) modules.get(i).train(training[i]);
            for (int i = 0; i < grad.length; i++) params.get(i).requiresGrad(grad[i]);
        };
    }

    private static void collect(Module m, List<Module> out) {
        out.add(m);
        for (Module child : m.children()) collect(child, out);
    }

    @Override
    public String toString() {
        return "LatentSearch" + Arrays.toString(z.shape()) + " at iteration " + iteration;
    }
}
