package io.seqcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the layers of docs/architecture.md honest: dependencies point down, the core is Spring-free. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.seqcast");
    }

    @Test
    void tensorCoreModelsAndSeriesPreparationImportNoSpringNoWebNoJson() {
        noClasses().that().resideInAnyPackage("io.seqcast.tensor..", "io.seqcast.nn..", "io.seqcast.series..",
                        "io.seqcast.input..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.servlet..", "tools.jackson..", "com.fasterxml.jackson..",
                        "io.micrometer..")
                .check(classes);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("api").definedBy("io.seqcast.api..")
                .layer("observability").definedBy("io.seqcast.observability..")
                .layer("forecast").definedBy("io.seqcast.forecast..")
                .layer("training").definedBy("io.seqcast.training..")
                .layer("input").definedBy("io.seqcast.input..")
                .layer("registry").definedBy("io.seqcast.registry..")
                .layer("series").definedBy("io.seqcast.series..")
                .layer("compute").definedBy("io.seqcast.compute..")
                .layer("nn").definedBy("io.seqcast.nn..")
                .layer("tensor").definedBy("io.seqcast.tensor..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("observability").mayOnlyBeAccessedByLayers("api")
                .whereLayer("forecast").mayOnlyBeAccessedByLayers("api", "observability")
                .whereLayer("training").mayOnlyBeAccessedByLayers("api", "observability", "forecast")
                .whereLayer("input").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training")
                .whereLayer("series").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training", "registry",
                        "input")
                .whereLayer("compute").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training", "registry", "series")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training", "registry", "series", "compute")
                .whereLayer("tensor").mayOnlyBeAccessedByLayers("api", "observability", "forecast", "training", "registry", "series", "compute", "nn")
                .check(classes);
    }
}
