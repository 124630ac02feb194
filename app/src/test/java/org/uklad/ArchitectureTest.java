package org.uklad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The app stays split by feature, without cycles between features; the database is reached from
 * stores and repositories only; roles are asked through the named policies of {@code account/}.
 */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uklad");

    /** Packages under {@code org.uklad} that are not features of the app: the shared kit and the two modules. */
    static final Set<String> NOT_FEATURES = Set.of("system", "analysis", "questionnaires");


    /** Every feature package the build holds: a new one is covered without editing this test. */
    static Set<String> features() {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : APP) {
            String pkg = c.getPackageName();
            if (pkg.startsWith("org.uklad.")) {
                String top = pkg.substring("org.uklad.".length()).split("\\.")[0];
                if (!NOT_FEATURES.contains(top)) {
                    out.add(top);
                }
            }
        }
        return out;
    }

    /**
     * The source class a compiled class belongs to: itself, the class it is nested in, or the bean
     * Micronaut generated for it ({@code $IndicesStore$Definition} belongs to {@code IndicesStore}).
     */
    static String sourceClass(JavaClass c) {
        String simple = c.getName().substring(c.getPackageName().length() + 1);
        String owner = simple.replaceFirst("^\\$", "").split("\\$")[0];
        return c.getPackageName() + "." + owner;
    }

    static DescribedPredicate<JavaClass> aStoreOrRepository() {
        return DescribedPredicate.describe("a *Store or *Repository (or generated for one)", c -> {
            String name = sourceClass(c);
            return name.endsWith("Store") || name.endsWith("Repository");
        });
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInCircles() {
        slices().matching("org.uklad.(*)..").should().beFreeOfCycles()
                .because("features depend on each other one way (response -> wave -> questionnaire -> system)")
                .check(APP.that(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAnyPackage("org.uklad.analysis..", "org.uklad.questionnaires.."))));
    }

    @Test
    void theSystemPackageKnowsNoFeature() {
        Set<String> features = features();
        assertThat(features).as("the features found, so the rule below is not vacuous")
                .contains("account", "school", "wave", "response", "indices", "report", "focusgroup", "overview");
        noClasses().that().resideInAPackage("org.uklad.system..")
                .should().dependOnClassesThat().resideInAnyPackage(features.stream().map(f -> "org.uklad." + f + "..")
                        .toArray(String[]::new))
                .check(APP);
    }

    @Test
    void theStatisticsAndInstrumentModulesKnowNothingOfTheApp() {
        noClasses().that().resideInAnyPackage("org.uklad.analysis..", "org.uklad.questionnaires..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..")
                .check(APP);
    }

    @Test
    void onlyStoresRepositoriesAndTheSystemKitSpeakJdbc() {
        noClasses().that().resideOutsideOfPackage("org.uklad.system..")
                .and(DescribedPredicate.not(aStoreOrRepository()))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("services group store calls with Jdbc.inTransaction/readOnly and never see java.sql")
                .check(APP);
    }

    @Test
    void rolesAreAskedOnlyThroughTheNamedPoliciesOfAccount() {
        noClasses().that().resideOutsideOfPackage("org.uklad.account..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.uklad.account.Role")
                .because("who may do what is a named policy of account/SchoolScope, not an inline role check")
                .check(APP);
    }

    /**
     * The layers of docs/architecture.md, top to bottom: a feature uses only features on lower
     * lines. A new feature package must be placed here (the first assertion), so the picture and
     * the code cannot drift apart.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("dashboard", "home", "plan"),
            List.of("overview", "report", "programme", "registry"),
            List.of("risk", "identification"),
            List.of("context", "profile"),
            List.of("respondent", "exchange", "focusgroup"),
            List.of("statements", "classes"),
            List.of("indices"),
            List.of("response"),
            List.of("wave"),
            List.of("questionnaire"),
            List.of("account"),
            List.of("school"),
            List.of("audit"));

    @Test
    void featuresUseOnlyTheLayersBelowThem() {
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        // a line may name a feature not yet written; every feature written must have its line
        assertThat(placed).as("every feature has its line in docs/architecture.md").containsAll(features());
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> notBelow = new java.util.ArrayList<>();
            for (int j = 0; j <= i; j++) {
                notBelow.addAll(LAYERS.get(j));
            }
            for (String feature : LAYERS.get(i)) {
                if (!features().contains(feature)) {
                    continue;
                }
                String[] forbidden = notBelow.stream().filter(f -> !f.equals(feature)).map(f -> "org.uklad." + f + "..")
                        .toArray(String[]::new);
                noClasses().that().resideInAPackage("org.uklad." + feature + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .because("docs/architecture.md: a feature uses only the lines below it")
                        .check(APP);
            }
        }
    }
}
