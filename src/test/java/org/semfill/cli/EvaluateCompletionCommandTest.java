package org.semfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.semfill.gan.RunDirectory;
import org.semfill.completion.evaluation.Evaluation;

/**
 * evaluate-completion on a run's own data: held-out images from RUN/held-out.npy (or, without it, the hold-out tail of
 * the prepared data: the same images), training images for the nearest-neighbour fill streamed from the prepared data.
 */
class EvaluateCompletionCommandTest extends ConsoleTest {

    @Test
    void evaluatesTheRunsHeldOutImagesAgainstItsStreamedTrainingImages(@TempDir Path tmp) throws IOException {
        Path faces = org.semfill.data.SyntheticPhotos.faces(tmp.resolve("faces"), 24), run = tmp.resolve("run");
        assertEquals(0, Main.run("train", "--data", faces.toString(), "--size", "16", "--channels", "3", "--limit", "20", "--hold-out", "4",
                "--epochs", "1", "--batch", "8", "--ngf", "8", "--ndf", "8", "--out", run.toString(), "--threads", "2"), out.toString());
        assertTrue(Files.isRegularFile(run.resolve(RunDirectory.HELD_OUT)));

        String[] eval = {"evaluate-completion", "--model", run.toString(), "--data", faces.toString(), "--limit", "3", "--iters", "2",
                "--threads", "2", "--out"};
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval1").toString())), out.toString());
        String log = out.toString();
        assertTrue(log.contains(RunDirectory.HELD_OUT + ") (3 images)"), log);
        assertTrue(log.contains("nearest neighbours searched among 20 training images"), log);

        // Without --data, a run that saved held-out images is judged on them (not on the bundled garments): the same table.
        out.reset();
        String[] noData = {"evaluate-completion", "--model", run.toString(), "--limit", "3", "--iters", "2", "--threads", "2", "--out",
                tmp.resolve("eval0").toString()};
        assertEquals(0, Main.run(noData), out.toString());
        assertTrue(out.toString().contains(RunDirectory.HELD_OUT + ") (3 images)"), out.toString());
        assertEquals(Files.readString(tmp.resolve("eval1/table.csv")), Files.readString(tmp.resolve("eval0/table.csv")));

        // Without the held-out file, the same images come from the prepared data's hold-out tail: the same table.
        Files.delete(run.resolve(RunDirectory.HELD_OUT));
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval2").toString())), out.toString());
        assertTrue(out.toString().contains("nearest neighbours searched among 20 training images"), out.toString());
        assertEquals(Files.readString(tmp.resolve("eval1/table.csv")), Files.readString(tmp.resolve("eval2/table.csv")));

        // --train-data names other training images: all 24 photos, prepared and streamed.
        out.reset();
        assertEquals(0, Main.run(concat(eval, tmp.resolve("eval3").toString(), "--train-data", faces.toString())), out.toString());
        assertTrue(out.toString().contains("nearest neighbours searched among 24 training images"), out.toString());
    }

    @Test
    void maskAllWritesOneTableAndChartWhoseCenterRowsEqualACenterRun(@TempDir Path tmp) throws IOException {
        Path faces = org.semfill.data.SyntheticPhotos.faces(tmp.resolve("faces"), 12), run = tmp.resolve("run");
        assertEquals(0, Main.run("train", "--data", faces.toString(), "--size", "16", "--channels", "3", "--limit", "12", "--hold-out", "2",
                "--epochs", "1", "--batch", "8", "--ngf", "8", "--ndf", "8", "--out", run.toString(), "--threads", "2"), out.toString());
        String[] eval = {"evaluate-completion", "--model", run.toString(), "--data", faces.toString(), "--limit", "2", "--iters", "2",
                "--restarts", "1", "--seed", "7", "--threads", "2", "--out"};

        out.reset();
        Path all = tmp.resolve("all");
        assertEquals(0, Main.run(concat(eval, all.toString(), "--mask", "all")), out.toString());
        assertTrue(out.toString().contains("| mask | method |"), out.toString()); // the combined table is printed
        List<String> csv = Files.readAllLines(all.resolve("table.csv"));
        assertEquals("mask,method,images,psnr_hole_db,psnr_whole_db,ssim_hole,ssim_whole", csv.get(0));
        assertEquals(List.of("center", "left", "random", "grid", "lowres"), EvaluateCompletionCommand.ALL_MASKS);
        assertEquals(1 + EvaluateCompletionCommand.ALL_MASKS.size() * 5 + 1, csv.size(), String.join("\n", csv)); // + lowres's bicubic
        assertEquals(1, csv.stream().filter(l -> l.startsWith("lowres,bicubic,")).count(), "super-resolution's yardstick");
        assertEquals(1, csv.stream().filter(l -> l.contains(",bicubic,")).count(), "bicubic only for lowres");
        for (String mask : EvaluateCompletionCommand.ALL_MASKS) {
            for (String method : List.of(Evaluation.OURS_BLENDED, Evaluation.OURS_PASTED, "mean fill", "nearest neighbour", "harmonic fill"))
                assertEquals(1, csv.stream().filter(l -> l.startsWith(mask + "," + method + ",")).count(), mask + " " + method);
            assertTrue(Files.isRegularFile(all.resolve(mask).resolve("examples.png")), mask);
        }
        assertTrue(csv.stream().noneMatch(l -> l.startsWith("full,")), "full has no hole: left out");
        assertFalse(Files.exists(all.resolve("full")));
        assertTrue(Files.size(all.resolve("psnr.png")) > 0);
        assertTrue(Files.readString(all.resolve("table.md")).contains("| center | semfill blended | 2 |"));

        // A single --mask center run with the same seed: today's files, and exactly the center rows' numbers.
        out.reset();
        Path center = tmp.resolve("center");
        assertEquals(0, Main.run(concat(eval, center.toString(), "--mask", "center")), out.toString());
        for (String f : List.of("table.md", "table.csv", "psnr.png", "ssim.png", "examples.png"))
            assertTrue(Files.isRegularFile(center.resolve(f)), f);
        List<String> single = Files.readAllLines(center.resolve("table.csv"));
        List<String> centerRows = csv.stream().filter(l -> l.startsWith("center,")).map(l -> l.substring("center,".length())).toList();
        assertEquals(single.subList(1, single.size()), centerRows);
        assertEquals(Files.readString(center.resolve("table.csv")), Files.readString(all.resolve("center/table.csv")));

        // A bad mask name: one line on stderr, exit 2.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, Main.run(concat(eval, tmp.resolve("bad").toString(), "--mask", "alll")));
        } finally {
            System.setErr(oldErr);
        }
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("semfill: unknown mask \"alll\""), e);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
