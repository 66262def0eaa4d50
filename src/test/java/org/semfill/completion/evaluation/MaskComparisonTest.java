package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskComparisonTest {
    @TempDir
    Path dir;

    private static ResultTable table(double hole) {
        ResultTable t = new ResultTable();
        for (String m : List.of(Evaluation.OURS_BLENDED, Evaluation.OURS_PASTED, "mean fill", "nearest neighbour", "harmonic fill"))
            t.add(m, new Scores(hole, 30, Double.isNaN(hole) ? Double.NaN : 0.5, 0.9));
        return t;
    }

    @Test
    void oneRowPerMaskAndMethodWithTheMasksOwnCsvNumbers() throws IOException {
        ResultTable center = table(21.5), full = table(Double.NaN);
        MaskComparison c = new MaskComparison().add("center", center).add("full", full);
        String[] csv = c.toCsv().split("\n");
        assertEquals("mask,method,images,psnr_hole_db,psnr_whole_db,ssim_hole,ssim_whole", csv[0]);
        assertEquals(1 + 10, csv.length);
        String[] own = center.toCsv().split("\n");
        for (int i = 1; i < own.length; i++) assertEquals("center," + own[i], csv[i]);
        assertTrue(csv[10].startsWith("full,harmonic fill,1,NaN,30.0,NaN,"), csv[10]);
        String md = c.toMarkdown();
        assertTrue(md.contains("| center | semfill blended | 1 | 21.50 | 30.00 | 0.5000 | 0.9000 |"), md);
        assertTrue(md.contains("| full | mean fill | 1 | n/a | 30.00 | n/a | 0.9000 |"), md);

        List<Path> files = c.write(dir, 1);
        assertEquals(List.of(dir.resolve("table.md"), dir.resolve("table.csv"), dir.resolve("psnr.png")), files);
        for (Path f : files) assertTrue(Files.size(f) > 0, f.toString());
    }

    @Test
    void noChartWhenNoMaskHasAHole() {
        List<Path> files = new MaskComparison().add("full", table(Double.NaN)).write(dir, 1);
        assertEquals(2, files.size());
        assertFalse(Files.exists(dir.resolve("psnr.png")));
    }
}
