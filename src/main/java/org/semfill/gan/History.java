package org.semfill.gan;

import java.util.ArrayList;
import java.util.List;

/** Per-iteration training numbers: epoch, D loss, G loss, mean D(x), mean D(G(z)). */
public final class History {
    public static final int COLUMNS = 5;
    private final List<float[]> rows = new ArrayList<>();

    public void add(int epoch, TrainStep.Losses l) {
        rows.add(new float[] {epoch, l.lossD(), l.lossG(), l.dReal(), l.dFake1()});
    }

    public int size() {
        return rows.size();
    }

    public float[] row(int i) {
        return rows.get(i).clone();
    }

    /** Column j of every row, as doubles (for charts). */
    public double[] column(int j) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) c[i] = rows.get(i)[j];
        return c;
    }

    float[] flat() {
        float[] f = new float[Math.max(1, rows.size()) * COLUMNS];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, f, i * COLUMNS, COLUMNS);
        return f;
    }

    static History fromFlat(float[] f) {
        History h = new History();
        for (int i = 0; i + COLUMNS <= f.length; i += COLUMNS) {
            float[] r = java.util.Arrays.copyOfRange(f, i, i + COLUMNS);
            if (i == 0 && f.length == COLUMNS && r[0] == 0 && r[1] == 0 && r[2] == 0) break; // empty placeholder row
            h.rows.add(r);
        }
        return h;
    }

    /** CSV with a header, one line per iteration. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("iteration,epoch,loss_d,loss_g,d_real,d_fake\n");
        for (int i = 0; i < rows.size(); i++) {
            float[] r = rows.get(i);
            sb.append(i + 1).append(',').append((int) r[0]);
            for (int j = 1; j < COLUMNS; j++) sb.append(',').append(r[j]);
            sb.append('\n');
        }
        return sb.toString();
    }
}
