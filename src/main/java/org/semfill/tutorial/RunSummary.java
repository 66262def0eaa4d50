package org.semfill.tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The lines chapter 3 prints about a finished training run, so its text can quote them: the losses at the start
 * and on average once the game settled, the largest G losses (the spikes of the loss chart), and a fingerprint of
 * the model. The same seed gives the same bits on any machine, so a reader's fingerprint equals the book's.
 */
final class RunSummary {
    /** From this step on the curves of chapter 3's run are flat: the means describe the settled game. */
    static final int SETTLED_FROM = 250;

    private RunSummary() {}

    /** One row of a run's log.csv. */
    record Row(int iteration, float lossD, float lossG, float dReal, float dFake) {}

    static List<String> lines(Path run) {
        List<Row> rows = read(run.resolve("log.csv"));
        Row first = rows.get(0);
        double[] mean = new double[4];
        int settled = 0;
        for (Row r : rows) {
            if (r.iteration() < SETTLED_FROM) continue;
            mean[0] += r.lossD();
            mean[1] += r.lossG();
            mean[2] += r.dReal();
            mean[3] += r.dFake();
            settled++;
        }
        for (int i = 0; i < 4; i++) mean[i] /= Math.max(1, settled);
        List<Row> byG = new ArrayList<>(rows);
        byG.sort((a, b) -> Float.compare(b.lossG(), a.lossG()));
        Row top = byG.get(0), other = byG.stream().filter(r -> Math.abs(r.iteration() - top.iteration()) > 20).findFirst().orElse(top);
        return List.of(
                String.format(Locale.ROOT, "first step: D loss %.3f, G loss %.3f, D(x) %.2f, D(G(z)) %.2f",
                        first.lossD(), first.lossG(), first.dReal(), first.dFake()),
                String.format(Locale.ROOT, "mean from step %d on: D loss %.3f, G loss %.3f, D(x) %.2f, D(G(z)) %.2f",
                        SETTLED_FROM, mean[0], mean[1], mean[2], mean[3]),
                String.format(Locale.ROOT, "largest G losses: %.2f at step %d, %.2f at step %d",
                        top.lossG(), top.iteration(), other.lossG(), other.iteration()),
                "model fingerprint (SHA-256 of generator.safetensors): " + sha256(run.resolve("generator.safetensors")));
    }

    private static List<Row> read(Path csv) {
        try {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("iteration")) continue;
                String[] f = line.split(",");
                rows.add(new Row(Integer.parseInt(f[0]), Float.parseFloat(f[2]), Float.parseFloat(f[3]), Float.parseFloat(f[4]),
                        Float.parseFloat(f[5])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
