/**
 * Chart builders on plain arrays (line, loss, bar, histogram, strip and contour charts) and headless PNG export,
 * all on JFreeChart 1.5 with one clean style for learners. Imports only {@code internal} of semfill, so training,
 * completion, evaluation and the tutorial can all draw with it.
 *
 * <p>JFreeChart 1.5 has no contour plot, so {@link org.semfill.charts.MarchingSquares} traces iso-lines itself
 * and {@link org.semfill.charts.ContourChart} draws them as annotations.
 */
package org.semfill.charts;
