package org.semfill.completion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semfill.gan.Dcgan;
import org.semfill.gan.DcganConfig;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.nn.StateTensor;

/** A model whose outputs are not finite stops the completion with a clear error instead of writing black images. */
class NonFiniteSearchTest {
    @Test
    void aNonFiniteLossStopsTheSearch() {
        Dcgan gan = Dcgan.create(new DcganConfig(16, 1, 6, 4, 4), 1);
        for (StateTensor s : gan.generator.stateDict().values()) // as if loaded from weights that overflow in float32
            if (!s.isLong()) java.util.Arrays.fill(s.floats(), 3e38f);
        float[] images = new float[2 * 16 * 16];
        CompletionSession.Settings o = new CompletionSession.Settings(SearchSettings.defaults(), true, false);
        UserError e = assertThrows(UserError.class, () -> Completion.run(gan, images, 2, Masks.center(16), o, Completion.Watch.NONE, new Rng(1), null));
        assertTrue(e.getMessage().startsWith("the completion search's loss became") && e.getMessage().contains("at iteration 1"), e.getMessage());
    }
}
