package org.semfill.gan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semfill.charts.LossChart;
import org.semfill.io.ImageGrid;
import org.semfill.nn.Inference;
import org.semfill.nn.Sequential;
import org.semfill.tensor.Tensor;

/** What a learner looks at during training: the sample grid of each epoch and the loss chart. */
public final class Reports {
    private Reports() {}

    static void epoch(Path run, Dcgan gan, Tensor fixedZ, int epoch, History history) {
        sampleGrid(gan, fixedZ, run.resolve("samples").resolve(String.format("epoch-%03d.png", epoch)), "epoch " + epoch);
        lossChart(history, run.resolve("losses.png"));
    }

    /** G(z) for each row of z as a grid (8 columns), G in evaluation mode, restored to its previous mode. */
    public static void sampleGrid(Dcgan gan, Tensor z, Path file, String title) {
        Tensor x = generate(gan.generator, z);
        new ImageGrid(8).title(title).write(file, x.data(), x.dim(0), x.dim(1), x.dim(2), x.dim(3));
    }

    /** Images G(z) without recording a graph, in eval mode (running batch-norm statistics). */
    public static Tensor generate(Sequential g, Tensor z) {
        try (var s = Inference.of(g)) {
            return g.forward(z);
        }
    }

    public static void lossChart(History h, Path file) {
        double[] it = new double[h.size()];
        for (int i = 0; i < it.length; i++) it[i] = i + 1;
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("D loss", h.column(1));
        losses.put("G loss", h.column(2));
        Map<String, double[]> probs = new LinkedHashMap<>();
        probs.put("D(x)", h.column(3));
        probs.put("D(G(z))", h.column(4));
        LossChart.write(file, it, losses, probs);
    }
}
