package io.seqcast.nn.weights;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The codec is usable from tools and benchmarks alone: it depends on the JDK and the model classes only. */
class SafeTensorsDependencyTest {

    @Test
    void weightsPackageUsesOnlyTheJdkAndTheModelClasses() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.seqcast.nn.weights");
        noClasses().that().resideInAPackage("io.seqcast.nn.weights..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.seqcast.nn..", "io.seqcast.tensor..")
                .check(classes);
    }
}
