package org.semfill.completion.evaluation;

import org.semfill.completion.BlockAverages;
import org.semfill.completion.Mask;

/**
 * The simplest baseline: every hole pixel gets the mean colour of the known pixels of its image (per channel).
 * With no known pixel at all the hole becomes 0 (mid-grey). For a block-average ({@code lowres}) mask every pixel
 * gets the mean of its block: the blocky, nearest-neighbour upscale of the low-resolution input.
 */
public final class MeanFill implements BaselineFill {

    @Override
    public String name() {
        return "mean fill";
    }

    @Override
    public float[] fill(float[] damaged, int channels, Mask mask) {
        BaselineFill.checkImage(damaged, channels, mask);
        if (mask.knowsBlockAverages()) {
            int k = mask.block();
            return BlockAverages.upscale(BlockAverages.pool(damaged, mask.height(), mask.width(), k), mask.height(), mask.width(), k);
        }
        float[] out = damaged.clone();
        int plane = mask.planeSize();
        for (int ch = 0; ch < channels; ch++) {
            int off = ch * plane;
            double sum = 0;
            for (int i = 0; i < plane; i++) if (mask.isKnown(i)) sum += damaged[off + i];
            float mean = mask.knownCount() == 0 ? 0f : (float) (sum / mask.knownCount());
            for (int i = 0; i < plane; i++) if (!mask.isKnown(i)) out[off + i] = mean;
        }
        return out;
    }
}
