package org.uklad.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The analysis module is a pure library: no framework, no database, no app code. */
class ArchitectureTest {

    @Test
    void analysisDependsOnNoFrameworkDatabaseOrApp() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.uklad.analysis");
        noClasses().that().resideInAPackage("org.uklad.analysis..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..", "org.uklad.app..")
                .check(classes);
    }
}
