package org.semfill.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.semfill.internal.Check;
import org.semfill.internal.Rng;

/**
 * A float32 tensor: a flat contiguous array in row-major (NCHW) order, its shape, and, when it takes part
 * in differentiation, its gradient and the backward step of the op that made it (micrograd's
 * {@code _backward}). {@link #backward()} walks the graph in reverse topological order; gradients
 * accumulate ({@code +=}) until {@link #zeroGrad()}.
 */
public final class Tensor {
    /** Op tags of the tensors that no op made: constants, leaves that collect gradients, detached copies. */
    private static final String CONST = "const", LEAF = "leaf", DETACH = "detach";

    private final int[] shape;
    private final float[] data;
    private float[] grad;
    private boolean requiresGrad;
    private final Tensor[] parents;
    private final String op;
    private Runnable backwardStep;

    private Tensor(float[] data, int[] shape, boolean requiresGrad, String op, Tensor[] parents) {
        int n = Check.numel(shape);
        Check.arg(data.length == n, "data length " + data.length + " does not match shape " + Arrays.toString(shape));
        this.data = data;
        this.shape = shape.clone();
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.parents = parents;
    }

    // ---- creation ----

    /** A constant tensor wrapping {@code data} (not copied). */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, shape, false, CONST, new Tensor[0]);
    }

    public static Tensor zeros(int... shape) {
        return of(new float[Check.numel(shape)], shape);
    }

    public static Tensor scalar(float value) {
        return of(new float[] {value}, 1);
    }

    /** A leaf that collects gradients: a learnable parameter or an input we differentiate by (the latent z). */
    public static Tensor variable(float[] data, int... shape) {
        return new Tensor(data, shape, true, LEAF, new Tensor[0]);
    }

    public static Tensor uniform(Rng rng, float low, float high, int... shape) {
        float[] d = new float[Check.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) (low + (high - low) * rng.nextDouble());
        return of(d, shape);
    }

    public static Tensor normal(Rng rng, float mean, float std, int... shape) {
        float[] d = new float[Check.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * rng.nextGaussian());
        return of(d, shape);
    }

    /**
     * The output of an op: records parents and needs a gradient only if graph recording is on and some
     * parent needs one. The op then attaches its backward step with {@link #onBackward}.
     */
    public static Tensor result(float[] data, int[] shape, String op, Tensor... parents) {
        boolean needs = false;
        if (Grad.enabled()) for (Tensor p : parents) needs |= p.requiresGrad;
        return new Tensor(data, shape, needs, op, needs ? parents : new Tensor[0]);
    }

    /** Attaches the backward step (reads this.grad, adds into parents' grads). Ignored when no gradient is needed. */
    public void onBackward(Runnable step) {
        if (requiresGrad) backwardStep = step;
    }

    // ---- accessors ----

    public float[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Freezes (false) or unfreezes a leaf, like PyTorch's {@code requires_grad_}; frozen networks skip weight gradients. */
    public Tensor requiresGrad(boolean on) {
        // Freezing is always allowed; unfreezing only for a tensor no recorded op made that is not a constant.
        boolean leaf = parents.length == 0 && !CONST.equals(op);
        Check.arg(!on || leaf, "only leaves can be made to require grad");
        requiresGrad = on;
        return this;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        Check.arg(data.length == 1, "item() needs one element, shape is " + Arrays.toString(shape));
        return data[0];
    }

    /**
     * The gradient array, allocated (zeroed) on first use. An op output's gradient comes from
     * {@link Buffers} (recycled with the step); a leaf's (a parameter's) is its own.
     */
    public float[] grad() {
        if (grad == null) grad = parents.length > 0 ? Buffers.zeroed(data.length) : new float[data.length];
        return grad;
    }

    public boolean hasGrad() {
        return grad != null;
    }

    public void zeroGrad() {
        if (grad != null) Arrays.fill(grad, 0f);
    }

    /** A constant sharing this tensor's data: gradients stop here. */
    public Tensor detach() {
        return new Tensor(data, shape, false, DETACH, new Tensor[0]);
    }

    /** A constant copy of the data. */
    public Tensor copy() {
        return of(data.clone(), shape);
    }

    // ---- backward ----

    /** Back-propagates from this scalar: d(this)/d(this) = 1. */
    public void backward() {
        Check.arg(data.length == 1, "backward() without a seed needs a scalar, shape is " + Arrays.toString(shape));
        backward(new float[] {1f});
    }

    /** Back-propagates a given output gradient (same size as this tensor). */
    public void backward(float[] seed) {
        Check.arg(requiresGrad, "backward() on a tensor that does not require grad (op " + op + ")");
        Check.arg(seed.length == data.length, "seed length " + seed.length + " != " + data.length);
        float[] g = grad();
        for (int i = 0; i < g.length; i++) g[i] += seed[i];
        List<Tensor> order = topologicalOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backwardStep == null || t.grad == null) continue;
            if (!Profile.on()) {
                t.backwardStep.run();
                continue;
            }
            long t0 = System.nanoTime();
            t.backwardStep.run();
            Profile.add("backward " + t.op + " " + Arrays.toString(t.shape), t0);
        }
    }

    /** Parents before children, iteratively (deep graphs must not overflow the stack). */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        visited.add(this);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            if (next < t.parents.length) {
                frame[1] = next + 1;
                Tensor p = t.parents[next];
                if (p.requiresGrad && visited.add(p)) stack.push(new Object[] {p, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(" op=").append(op).append(" [");
        for (int i = 0; i < Math.min(8, data.length); i++) sb.append(i == 0 ? "" : ", ").append(data[i]);
        return sb.append(data.length > 8 ? ", ...]" : "]").toString();
    }
}
