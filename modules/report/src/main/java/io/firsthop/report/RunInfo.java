package io.firsthop.report;

import java.util.Objects;

/**
 * What was run: the scenario (and variant), the engine and the seed. Goes to the top of every
 * report and labels runs in a comparison.
 *
 * @param scenario    the scenario's name
 * @param variant     the variant's name, or null for the scenario itself
 * @param engine      "virtual" or "cluster" (free text: shown as given)
 * @param seed        the run's seed
 * @param description free text, may be empty
 */
public record RunInfo(String scenario, String variant, String engine, long seed, String description) {
    public RunInfo {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(engine, "engine");
        description = description == null ? "" : description;
    }

    public static RunInfo of(String scenario, String engine, long seed) {
        return new RunInfo(scenario, null, engine, seed, "");
    }

    public RunInfo withVariant(String variantName) {
        return new RunInfo(scenario, variantName, engine, seed, description);
    }

    /** "scenario", "scenario/variant", with the engine: "09-vrrp-failover/slow (virtual)". */
    public String label() {
        return scenario + (variant == null ? "" : "/" + variant) + " (" + engine + ")";
    }
}
