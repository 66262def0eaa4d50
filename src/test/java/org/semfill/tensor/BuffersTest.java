package org.semfill.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BuffersTest {

    @Test
    void outsideAScopeEveryArrayIsFresh() {
        assertNotSame(Buffers.zeroed(8), Buffers.zeroed(8));
        assertNotSame(Buffers.forOverwrite(8), Buffers.forOverwrite(8));
    }

    @Test
    void arraysComeBackAfterTheScopeAndZeroedOnesAreZero() {
        Buffers.Pool pool = new Buffers.Pool();
        float[] first, other;
        try (var s = pool.open()) {
            first = Buffers.forOverwrite(16);
            other = Buffers.forOverwrite(16);
            assertNotSame(first, other, "two live arrays never share memory");
            Arrays.fill(first, 7f);
            Arrays.fill(other, 7f);
        }
        try (var s = pool.open()) {
            float[] a = Buffers.zeroed(16);
            float[] b = Buffers.zeroed(16);
            assertSame(other, a, "the pool hands back the last step's arrays");
            assertSame(first, b);
            for (float v : a) assertEquals(0f, v);
            for (float v : b) assertEquals(0f, v);
            assertNotSame(first, Buffers.zeroed(16), "a third array of that size is new");
            assertEquals(16, Buffers.zeroed(8).length + 8, "other sizes are separate");
        }
        assertEquals(3 * 16 + 8, pool.floatsHeld());
        assertNotSame(first, Buffers.zeroed(16), "after the scope, fresh arrays again");
    }

    @Test
    void scopesDoNotNest() {
        Buffers.Pool outer = new Buffers.Pool(), inner = new Buffers.Pool();
        try (var s = outer.open()) {
            assertThrows(IllegalStateException.class, inner::open);
        }
        try (var s = inner.open()) {
            assertEquals(4, Buffers.zeroed(4).length, "usable again once the outer scope closed");
        }
    }

    @Test
    void opOutputGradientsArePooledButLeafGradientsAreNot() {
        Buffers.Pool pool = new Buffers.Pool();
        Tensor leaf = Tensor.variable(new float[4], 4);
        float[] leafGrad, outGrad;
        try (var s = pool.open()) {
            Tensor out = Tensor.result(Buffers.zeroed(4), new int[] {4}, "test", leaf);
            outGrad = out.grad();
            leafGrad = leaf.grad();
        }
        try (var s = pool.open()) {
            float[] again = Buffers.zeroed(4);
            float[] twice = Buffers.zeroed(4);
            assertNotSame(leafGrad, again, "a parameter's gradient must outlive the step");
            assertNotSame(leafGrad, twice);
            assertSame(outGrad, again == outGrad ? again : twice, "the op output's gradient is recycled");
        }
    }
}
