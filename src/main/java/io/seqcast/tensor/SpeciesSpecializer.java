package io.seqcast.tensor;

import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.incubator.vector.VectorSpecies;

/**
 * Makes one copy of a kernel-family class per vector species, each with the species in a
 * {@code static final} field.
 *
 * <p>Why: C2 only intrinsifies Vector API calls when the species is a compile-time constant. A
 * species held in an instance field (what a {@code new VectorKernels(256)} would naturally do) made a
 * 1024-element dot product 10 to 30 times slower here on JDK 17 (boxed vectors, no SIMD). Instead of
 * keeping two hand-copied sources per width, the family's bytecode is defined again as a hidden class
 * whose class data is the species; the family reads it once in its static initializer, so inside each
 * copy {@code S} is a true constant.
 *
 * <p>A family template: a package-private final class with a no-arg constructor, no nested or
 * anonymous classes and no lambdas (those would resolve to the template, not to the copy), and
 * {@code static final VectorSpecies<Float> S = SpeciesSpecializer.species(MethodHandles.lookup());}.
 */
final class SpeciesSpecializer {

    private SpeciesSpecializer() {
    }

    /** The species of the calling specialized copy; fails if the template itself is initialized. */
    @SuppressWarnings("unchecked")
    static VectorSpecies<Float> species(MethodHandles.Lookup caller) {
        try {
            VectorSpecies<Float> s = MethodHandles.classData(caller, ConstantDescs.DEFAULT_NAME, VectorSpecies.class);
            if (s == null) {
                throw new IllegalStateException(caller.lookupClass().getName()
                        + " is a kernel template: use it through SpeciesSpecializer.specialize");
            }
            return s;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new instance of a copy of {@code template} specialized for {@code species}, as {@code type}. */
    static <T> T specialize(Class<?> template, Class<T> type, VectorSpecies<Float> species) {
        String resource = template.getSimpleName() + ".class";
        try (InputStream in = template.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file not found: " + resource);
            }
            byte[] bytes = in.readAllBytes();
            MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, species, true);
            Object instance = copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class)).invoke();
            return type.cast(instance);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot specialize " + template.getName() + " for " + species, e);
        }
    }
}
