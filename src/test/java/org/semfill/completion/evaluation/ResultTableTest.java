package org.semfill.completion.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {
    @TempDir
    Path dir;

    @Test
    void averagesPerMethodInFirstSeenOrderWithCappedPsnr() {
        ResultTable t = new ResultTable();
        t.add("ours", new Scores(20, 30, 0.5, 0.9));
        t.add("mean fill", new Scores(10, 25, 0.2, 0.8));
        t.add("ours", new Scores(Double.POSITIVE_INFINITY, 40, 0.7, 1.0)); // a perfect hole counts as 100 dB
        List<ResultTable.Row> rows = t.rows();
        assertEquals(2, rows.size());
        ResultTable.Row ours = rows.get(0);
        assertEquals("ours", ours.method());
        assertEquals(2, ours.images());
        assertEquals(60.0, ours.psnrHole(), 1e-12);
        assertEquals(35.0, ours.psnrWhole(), 1e-12);
        assertEquals(0.6, ours.ssimHole(), 1e-12);
        assertEquals(0.95, ours.ssimWhole(), 1e-12);
        assertEquals("mean fill", rows.get(1).method());
    }

    @Test
    void markdownAndCsvText() {
        ResultTable t = new ResultTable();
        t.add("ours, blended", new Scores(21.234, 30.5, 0.61234, 0.9));
        t.add("full|mask", new Scores(Double.NaN, 50, Double.NaN, 0.99));
        String md = t.toMarkdown();
        assertTrue(md.startsWith("| method | images | PSNR hole (dB) | PSNR whole (dB) | SSIM hole | SSIM whole |\n"), md);
        assertTrue(md.contains("| ours, blended | 1 | 21.23 | 30.50 | 0.6123 | 0.9000 |"), md);
        assertTrue(md.contains("| full\\|mask | 1 | n/a | 50.00 | n/a | 0.9900 |"), md);
        String csv = t.toCsv();
        String[] lines = csv.split("\n");
        assertEquals("method,images,psnr_hole_db,psnr_whole_db,ssim_hole,ssim_whole", lines[0]);
        assertEquals("\"ours, blended\",1,21.234,30.5,0.61234,0.9", lines[1]);
        assertEquals("full|mask,1,NaN,50.0,NaN,0.99", lines[2]);
    }

    @Test
    void writesBothFilesAndLeavesNoTemporaryFiles() throws IOException {
        ResultTable t = new ResultTable();
        t.add("harmonic fill", new Scores(18, 28, 0.4, 0.85));
        Path md = dir.resolve("out/results.md"), csv = dir.resolve("out/results.csv");
        t.writeMarkdown(md);
        t.writeCsv(csv);
        assertEquals(t.toMarkdown(), Files.readString(md));
        assertEquals(t.toCsv(), Files.readString(csv));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(2, files.count());
        }
    }
}
