package io.getbill.conformance.core;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One small, named check, tied to the requirement it verifies.
 *
 * @param id          unique and stable, e.g. {@code RFC6749-5.2-invalid-client-status} or
 *                    {@code RFC6750-3.1-no-token-401-getCompanyProfile}; the self-tests and CI refer to it
 * @param requirement the clause it verifies: an RFC section ({@code RFC6749-5.2}, {@code RFC6750-3.1}) or a rule of
 *                    the contract ({@code SPEC-response-schema})
 * @param severity    whether a failure fails the run
 * @param group       the check group it belongs to ({@code token}, {@code bearer}, ...)
 * @param description what it verifies, in one sentence
 * @param dependsOn   the capabilities it needs ({@link io.getbill.conformance.spec.Features}: {@code resources},
 *                    {@code admin}, ...); a run may exclude checks by capability against a deployment without it
 */
public record Check(String id, String requirement, Severity severity, String group, String description,
                    Set<String> dependsOn) {

    public Check {
        Objects.requireNonNull(id);
        Objects.requireNonNull(requirement);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(group);
        dependsOn = Set.copyOf(dependsOn == null ? Set.of() : dependsOn);
    }

    public static Check required(String group, String id, String requirement, String description) {
        return new Check(id, requirement, Severity.REQUIRED, group, description, Set.of());
    }

    public static Check recommended(String group, String id, String requirement, String description) {
        return new Check(id, requirement, Severity.RECOMMENDED, group, description, Set.of());
    }

    /** The same check, needing the given features as well. */
    public Check needs(String... features) {
        Set<String> all = new TreeSet<>(dependsOn);
        for (String f : features) {
            if (f != null) {
                all.add(f);
            }
        }
        return new Check(id, requirement, severity, group, description, all);
    }

    public Check needs(Set<String> features) {
        return needs(features.toArray(String[]::new));
    }
}
