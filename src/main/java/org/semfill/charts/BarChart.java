package org.semfill.charts;

import java.awt.Color;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.semfill.internal.Check;

/**
 * Grouped bars: one group per category, one coloured bar per series inside each group, the value written on top
 * of every bar. For example PSNR per fill method (series) for "hole" and "whole image" (categories):
 *
 * <pre>{@code
 * new BarChart("PSNR of completions", "region", "PSNR (dB)", List.of("hole", "whole image"))
 *     .series("ours", 21.3, 30.8).series("mean fill", 14.2, 24.0).writePng(path, 800, 500);
 * }</pre>
 */
public final class BarChart {
    private final String title, categoryLabel, valueLabel;
    private final List<String> categories;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private String valueFormat = "0.00";

    public BarChart(String title, String categoryLabel, String valueLabel, List<String> categories) {
        Check.arg(!categories.isEmpty(), "bar chart '" + title + "' needs at least one category");
        Check.arg(categories.stream().distinct().count() == categories.size(), "category names must differ: " + categories);
        this.title = title;
        this.categoryLabel = categoryLabel;
        this.valueLabel = valueLabel;
        this.categories = new ArrayList<>(categories);
    }

    /** Adds a series: one value per category, in the categories' order; NaN leaves that bar out. */
    public BarChart series(String name, double... values) {
        Check.arg(values.length == categories.size(),
            "series " + name + " has " + values.length + " values for " + categories.size() + " categories");
        Check.arg(!series.containsKey(name), "series name used twice: " + name);
        series.put(name, values.clone());
        return this;
    }

    /** Number format of the labels on the bars ({@link DecimalFormat} pattern, default "0.00"). */
    public BarChart valueFormat(String pattern) {
        this.valueFormat = pattern;
        return this;
    }

    public JFreeChart build() {
        Check.arg(!series.isEmpty(), "bar chart '" + title + "' has no series");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, double[]> e : series.entrySet())
            for (int c = 0; c < categories.size(); c++) {
                double v = e.getValue()[c];
                data.addValue(Double.isNaN(v) ? null : v, e.getKey(), categories.get(c)); // NaN: no bar (e.g. a method a mask has not)
            }

        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.06);
        renderer.setMaximumBarWidth(0.12);
        for (int s = 0; s < series.size(); s++) renderer.setSeriesPaint(s, ChartStyle.seriesColor(s));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK_FONT);
        renderer.setDefaultItemLabelPaint(Color.DARK_GRAY);
        renderer.setDefaultPositiveItemLabelPosition(
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        renderer.setDefaultNegativeItemLabelPosition(
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER));

        CategoryAxis categoryAxis = new CategoryAxis(categoryLabel);
        categoryAxis.setCategoryMargin(0.25);
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        valueAxis.setUpperMargin(0.12); // room for the labels above the tallest bar
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE_FONT, plot, true));
    }

    /** Builds the chart and writes it as PNG; returns {@code png}. */
    public Path writePng(Path png, int width, int height) {
        return ChartFiles.savePng(build(), png, width, height);
    }
}
