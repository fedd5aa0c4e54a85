package nl.noaber;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import nl.noaber.db.Db;

/**
 * The package-by-feature layout, kept by the build: features do not reach into each other in
 * circles, the small shared packages know no feature, the demo city is a leaf, and controllers
 * stay thin (SQL lives in services and repositories, which own the transactions).
 */
@AnalyzeClasses(packages = "nl.noaber", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] SHARED = {"nl.noaber.web..", "nl.noaber.db..", "nl.noaber.geo.."};

    /** Any package under nl.noaber but the shared ones and the root (Application, Clocks). */
    private static final DescribedPredicate<JavaClass> FEATURE = resideInAPackage("nl.noaber.*..")
            .and(not(resideInAnyPackage(SHARED)))
            .as("reside in a feature package");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("nl.noaber.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedPackagesKnowNoFeature = noClasses().that().resideInAnyPackage(SHARED)
            .should().dependOnClassesThat(FEATURE);

    @ArchTest
    static final ArchRule onlyTheDemoKnowsTheDemo = noClasses().that().resideOutsideOfPackage("nl.noaber.demo..")
            .should().dependOnClassesThat().resideInAPackage("nl.noaber.demo..");

    @ArchTest
    static final ArchRule controllersLeaveSqlToServicesAndRepositories = noClasses()
            .that().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat(assignableTo(Db.class).or(assignableTo(JdbcOperations.class))
                    .as("are Db or JdbcOperations"))
            .because("controllers parse, authorise, call and map; services own transactions and SQL");
}
