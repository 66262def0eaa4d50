package org.semfill.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

/** A vertical line's label is drawn whole inside the plot, also for a line near the right edge (chapter 1's x = 2.5). */
class ContourChartLabelTest {
    private static final int W = 640, H = 680;

    @Test
    void theLabelOfALineNearEitherEdgeStaysInsideThePlot() {
        for (double x : new double[] {-2.5, 1, 2.5, 2.9}) {
            String label = "x = " + x + " (known)";
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage with = draw(chart(x, label), info), without = draw(chart(x, null), new ChartRenderingInfo());
            Rectangle2D plot = info.getPlotInfo().getDataArea();
            int minX = Integer.MAX_VALUE, maxX = -1;
            for (int py = 0; py < H; py++)
                for (int px = 0; px < W; px++)
                    if (with.getRGB(px, py) != without.getRGB(px, py)) {
                        minX = Math.min(minX, px);
                        maxX = Math.max(maxX, px);
                    }
            assertTrue(maxX > 0, "the label is drawn for x = " + x);
            // a label cut off by the plot's edge would end on that edge
            assertTrue(minX > plot.getMinX() + 2 && maxX < plot.getMaxX() - 2,
                    "label of x = " + x + " spans pixels " + minX + ".." + maxX + ", the plot " + plot.getMinX() + ".." + plot.getMaxX());
        }
    }

    private static JFreeChart chart(double x, String label) {
        double[] grid = new double[61];
        for (int i = 0; i < grid.length; i++) grid[i] = -3 + 0.1 * i;
        double[][] z = new double[grid.length][grid.length];
        for (int i = 0; i < grid.length; i++)
            for (int j = 0; j < grid.length; j++) z[i][j] = Math.exp(-(grid[i] * grid[i] + grid[j] * grid[j]) / 2);
        return new ContourChart("t", "x", "y").grid(grid, grid, z).range(-3, 3, -3, 3).verticalLine(x, label).build();
    }

    private static BufferedImage draw(JFreeChart chart, ChartRenderingInfo info) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        chart.draw(g, new Rectangle2D.Double(0, 0, W, H), info);
        g.dispose();
        return img;
    }
}
