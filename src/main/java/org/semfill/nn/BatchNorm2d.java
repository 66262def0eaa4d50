package org.semfill.nn;

import java.util.Arrays;
import java.util.Map;
import org.semfill.autograd.Ops;
import org.semfill.tensor.Tensor;

/**
 * Batch norm over channels with learnable gamma ("weight") and beta ("bias"), running statistics
 * (momentum 0.1, eps 1e-5, PyTorch's defaults) and the count of batches seen.
 */
public final class BatchNorm2d extends Module {
    public static final float MOMENTUM = 0.1f, EPS = 1e-5f;
    public final Tensor weight, bias;
    public final float[] runningMean, runningVar;
    private final long[] batchesTracked = {0};

    public BatchNorm2d(int channels) {
        weight = Tensor.variable(new float[channels], channels);
        bias = Tensor.variable(new float[channels], channels);
        Arrays.fill(weight.data(), 1f);
        runningMean = new float[channels];
        runningVar = new float[channels];
        Arrays.fill(runningVar, 1f);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (training) batchesTracked[0]++;
        return Ops.batchNorm2d(x, weight, bias, runningMean, runningVar, training, MOMENTUM, EPS);
    }

    /** This layer followed by a leaky ReLU of the given slope (0: ReLU), as one op (see {@link Sequential}). */
    public Tensor forwardThenLeakyRelu(Tensor x, float slope) {
        if (training) batchesTracked[0]++;
        return Ops.batchNorm2dLeakyRelu(x, weight, bias, runningMean, runningVar, training, MOMENTUM, EPS, slope);
    }

    @Override
    protected void ownState(String prefix, Map<String, StateTensor> out) {
        out.put(prefix + "weight", StateTensor.of(weight));
        out.put(prefix + "bias", StateTensor.of(bias));
        out.put(prefix + "running_mean", StateTensor.buffer(runningMean));
        out.put(prefix + "running_var", StateTensor.buffer(runningVar));
        out.put(prefix + "num_batches_tracked", StateTensor.counter(batchesTracked));
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + runningMean.length + ")";
    }
}
