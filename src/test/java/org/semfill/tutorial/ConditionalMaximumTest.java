package org.semfill.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionalMaximumTest {
    @Test
    void goldenSectionFindsTheTopOfAParabola() {
        assertEquals(0.3, LineMaximizer.goldenSection(y -> -(y - 0.3) * (y - 0.3), -2, 2, 1e-10), 1e-9);
        assertEquals(-1.25, LineMaximizer.argmaxOnGrid(y -> -Math.abs(y + 1.25), Grid.arange(-3, 3, 0.25)), 0);
    }

    @Test
    void tutorialFiguresMaximaAreTheConditionalMeans() {
        double[] grid = Grid.arange(-3, 3, 0.025);
        assertEquals(0.0, Chapter1Distributions.mostLikelyY(Gaussian.standard(2), 1, grid), 1e-6);
        Gaussian correlated = Gaussian.bivariate(0, 0, 1, 1, Chapter1Distributions.RHO);
        assertEquals(0.7, correlated.conditionalMeanOfY(1), 1e-15);
        assertEquals(0.7, Chapter1Distributions.mostLikelyY(correlated, 1, grid), 1e-6);
    }

    /** Numeric argmax along x = x0 equals mu_y + rho sigma_y / sigma_x (x0 - mu_x) for random 2-D normals. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void numericArgmaxEqualsAnalyticConditionalMean(long seed) {
        Random rnd = new Random(seed);
        double mx = rnd.nextGaussian() * 0.5, my = rnd.nextGaussian() * 0.5;
        double sx = 0.5 + rnd.nextDouble(), sy = 0.5 + rnd.nextDouble(), rho = -0.9 + 1.8 * rnd.nextDouble();
        double x0 = mx + rnd.nextGaussian() * sx * 0.7;
        Gaussian g = Gaussian.bivariate(mx, my, sx, sy, rho);
        double analytic = my + rho * sy / sx * (x0 - mx);
        assertEquals(analytic, g.conditionalMeanOfY(x0), 1e-12);
        // Wide enough grid for the conditional mean to lie inside it.
        double[] grid = Grid.arange(-8, 8, 0.025);
        assertEquals(analytic, Chapter1Distributions.mostLikelyY(g, x0, grid), 1e-6);
    }
}
