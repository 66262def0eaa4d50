package org.semfill.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.semfill.data.ImageFiles;
import org.semfill.data.PngBomb;

/** Uploads are decoded within a shared budget of heap bytes, worked out from the header before any pixel is decoded. */
class DecodeBudgetTest {
    @Test
    void theCostComesFromTheHeaderAndOnlyTheNeededPixelsAreDecoded() {
        ImageFiles.Header deep = new ImageFiles.Header(4000, 4000, "PNG", 8); // 16-bit RGBA
        ImageFiles.Subsample sub = UploadDecoder.plan(4000, 4000, 28);
        assertEquals(17, sub.step());
        assertEquals(236, sub.decodedSide());
        long cost = UploadDecoder.cost(deep, sub);
        assertTrue(cost < 2_000_000, "a 28 x 28 model needs 236 x 236 of it, not 128 MB: " + cost);
        ImageFiles.Subsample wide = UploadDecoder.plan(300, 100, 64); // small: every pixel of the centred square
        assertEquals(1, wide.step());
        assertEquals(100, wide.side());
        assertEquals(100, wide.x());
        assertEquals(100L * 100 * (3 + UploadDecoder.CONVERSION_BYTES) + 4L * 300 * 3,
                UploadDecoder.cost(new ImageFiles.Header(300, 100, "JPEG", 3), wide));
    }

    @Test
    void aDecodeThatCannotFitIsRefusedWith503() throws Exception {
        byte[] png = PngBomb.deep(4000, 4000);
        assertTrue(png.length < 200_000, png.length + " bytes");
        HttpError e = assertThrows(HttpError.class, () -> UploadDecoder.decode(png, 28, 1, new DecodeBudget(100_000, 100)));
        assertEquals(503, e.status);
        assertTrue(e.getMessage().contains("4000 x 4000 PNG") && e.getMessage().contains("-Xmx"), e.getMessage());
        // Within a budget of 4 MB it decodes: only the subsampled square is allocated.
        UploadDecoder.Decoded d = UploadDecoder.decode(png, 28, 1, new DecodeBudget(4L << 20, 100));
        assertEquals(28 * 28, d.pixels().length);
        assertEquals(4000, d.originalWidth());
    }

    @Test
    void parallelDecodesShareTheBudgetWaitAndGiveItBack() throws Exception {
        DecodeBudget budget = new DecodeBudget(1000, 200);
        DecodeBudget.Lease a = budget.admit(700, "a");
        HttpError busy = assertThrows(HttpError.class, () -> budget.admit(400, "b"));
        assertEquals(503, busy.status);
        assertEquals(DecodeBudget.RETRY_SECONDS, busy.retryAfter);
        assertTrue(busy.getMessage().contains("try again"), busy.getMessage());
        DecodeBudget.Lease c = budget.admit(300, "c"); // what fits is admitted at once
        c.close();
        a.close();
        assertEquals(0, budget.inUse());

        // Eight uploads at once with room for two: each waits its turn, none is refused, the budget ends empty.
        byte[] png = PngBomb.deep(2000, 2000);
        ImageFiles.Subsample sub = UploadDecoder.plan(2000, 2000, 28);
        long one = UploadDecoder.cost(new ImageFiles.Header(2000, 2000, "PNG", 8), sub);
        DecodeBudget two = new DecodeBudget(2 * one + 1, 60_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UploadDecoder.Decoded>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) all.add(pool.submit(() -> UploadDecoder.decode(png, 28, 1, two)));
            for (Future<UploadDecoder.Decoded> f : all) assertEquals(28 * 28, f.get().pixels().length);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, two.inUse());
    }
}
