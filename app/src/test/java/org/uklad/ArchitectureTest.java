package org.uklad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The app stays split by feature, without cycles between features. */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uklad");

    @Test
    void featurePackagesDoNotDependOnEachOtherInCircles() {
        slices().matching("org.uklad.(*)..").should().beFreeOfCycles()
                .because("features depend on each other one way (response -> wave -> survey -> system)")
                .check(APP.that(com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                "org.uklad.analysis..", "org.uklad.questionnaires.."))));
    }

    @Test
    void theSystemPackageKnowsNoFeature() {
        noClasses().that().resideInAPackage("org.uklad.system..")
                .should().dependOnClassesThat().resideInAnyPackage("org.uklad.school..", "org.uklad.questionnaire..",
                        "org.uklad.wave..", "org.uklad.response..", "org.uklad.indices..", "org.uklad.report..",
                        "org.uklad.account..")
                .check(APP);
    }

    @Test
    void theStatisticsAndInstrumentModulesKnowNothingOfTheApp() {
        noClasses().that().resideInAnyPackage("org.uklad.analysis..", "org.uklad.questionnaires..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..")
                .check(APP);
    }
}
