package io.seqcast.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KernelsProviderTest {

    @Test
    void selectsByNameCaseInsensitive() {
        assertTrue(KernelsProvider.vectorAvailable(), "surefire runs with --add-modules jdk.incubator.vector");
        assertSame(ScalarKernels.INSTANCE, KernelsProvider.select("scalar"));
        assertSame(ScalarKernels.INSTANCE, KernelsProvider.select("SCALAR"));
        assertEquals("vector-" + KernelsProvider.DEFAULT_VECTOR_BITS, KernelsProvider.select("Vector").name());
        assertEquals("vector-256", KernelsProvider.select("vector-256").name());
        assertEquals("vector-512", KernelsProvider.select("VECTOR-512").name());
    }

    @Test
    void rejectsUnknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelsProvider.select("gpu"));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("auto, scalar, vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelsProvider.select("vector-128"));
        assertThrows(IllegalArgumentException.class, () -> KernelsProvider.select(null));
    }

    /** A JVM started without the module: auto falls back to scalar, vector fails with the flag to add. */
    @Test
    void withoutTheModuleAutoIsScalarAndVectorExplains() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                NoModuleMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("auto=scalar available=false"), out);
        assertTrue(out.contains("IllegalStateException") && out.contains("--add-modules jdk.incubator.vector"), out);
    }

    /** Run in the child JVM. */
    public static final class NoModuleMain {
        public static void main(String[] args) {
            System.out.println("auto=" + KernelsProvider.select("auto").name()
                    + " available=" + KernelsProvider.vectorAvailable());
            try {
                KernelsProvider.select("vector");
            } catch (IllegalStateException e) {
                System.out.println("IllegalStateException: " + e.getMessage());
            }
        }
    }
}
