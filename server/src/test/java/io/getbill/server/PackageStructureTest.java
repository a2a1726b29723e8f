package io.getbill.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.ExceptionHandler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's package map, checked on the compiled main classes: four layers, infrastructure → OAuth → resources →
 * admin (company directory and deployment beside them), no import cycle between any two packages, and each kind of
 * class in the group it belongs to. The map itself is written in each package's {@code package-info.java}.
 */
@AnalyzeClasses(packages = {"io.getbill.server", "db.migration"}, importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    private static final String ROOT = "io.getbill.server";

    @ArchTest
    static final ArchRule no_package_is_part_of_an_import_cycle = slices()
            .matching(ROOT + ".(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule each_layer_is_used_only_by_the_layers_above_it = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Infrastructure").definedBy(ROOT + ".infrastructure..")
            .layer("Directory").definedBy(ROOT + ".directory..")
            .layer("OAuth").definedBy(ROOT + ".oauth..")
            .layer("Resources").definedBy(ROOT + ".resources..")
            .layer("Admin").definedBy(ROOT + ".admin..")
            .layer("Deployment").definedBy(ROOT + ".deployment..")
            .layer("Application").definedBy(ROOT)
            .whereLayer("Directory").mayOnlyBeAccessedByLayers("OAuth", "Resources", "Admin", "Deployment")
            .whereLayer("OAuth").mayOnlyBeAccessedByLayers("Resources", "Admin", "Deployment")
            .whereLayer("Resources").mayOnlyBeAccessedByLayers("Admin", "Deployment")
            .whereLayer("Admin").mayNotBeAccessedByAnyLayer()
            .whereLayer("Deployment").mayOnlyBeAccessedByLayers("Application");

    @ArchTest
    static final ArchRule infrastructure_knows_no_capability = noClasses()
            .that().resideInAPackage(ROOT + ".infrastructure..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".directory..", ROOT + ".oauth..",
                    ROOT + ".resources..", ROOT + ".admin..", ROOT + ".deployment..");

    @ArchTest
    static final ArchRule controllers_live_in_an_api_group = classes()
            .that().areAnnotatedWith(Controller.class).and().areNotInterfaces()
            .should().resideInAnyPackage(ROOT + ".oauth..", ROOT + ".resources..", ROOT + ".admin..",
                    ROOT + ".infrastructure.operations..");

    @ArchTest
    static final ArchRule admin_controllers_live_in_admin = classes()
            .that().areAnnotatedWith(Controller.class).and().areNotInterfaces().and().haveSimpleNameStartingWith("Admin")
            .should().resideInAPackage(ROOT + ".admin..");

    @ArchTest
    static final ArchRule admin_classes_live_in_admin = classes()
            .that().haveSimpleNameStartingWith("Admin").and().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackage(ROOT + ".api..")
            .should().resideInAPackage(ROOT + ".admin..");

    @ArchTest
    static final ArchRule filters_live_in_infrastructure_http_or_their_capability = classes()
            .that().areAnnotatedWith(ServerFilter.class)
            .should().resideInAnyPackage(ROOT + ".infrastructure.http..", ROOT + ".oauth.protocol..",
                    ROOT + ".resources.ratelimit..");

    @ArchTest
    static final ArchRule exception_handlers_live_with_their_error_family = classes()
            .that().implement(ExceptionHandler.class)
            .should().resideInAnyPackage(ROOT + ".infrastructure.errors..", ROOT + ".oauth.protocol..",
                    ROOT + ".oauth.bearer..");

    @ArchTest
    static final ArchRule generated_interfaces_are_implemented_by_controllers_only = classes()
            .that().resideInAPackage(ROOT + ".api").and().areInterfaces()
            .should().onlyHaveDependentClassesThat().areAnnotatedWith(Controller.class)
            .orShould().onlyHaveDependentClassesThat().resideInAPackage(ROOT + ".api..");

    @ArchTest
    static final ArchRule the_old_debts_package_holds_only_triggers_named_by_applied_migrations = classes()
            .that().resideInAPackage(ROOT + ".debts").and().doNotHaveSimpleName("package-info")
            .should().implement(org.h2.api.Trigger.class);

    @ArchTest
    static final ArchRule clients_administration_is_not_part_of_the_authorization_server = noClasses()
            .that().resideInAPackage(ROOT + ".oauth..")
            .should().dependOnClassesThat().haveSimpleNameContaining("Management");
}
