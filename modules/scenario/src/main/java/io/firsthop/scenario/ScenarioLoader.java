package io.firsthop.scenario;

import io.firsthop.scenario.Yaml.Entry;
import io.firsthop.scenario.Yaml.Y;
import io.firsthop.scenario.Yaml.YMap;
import io.firsthop.scenario.Yaml.YNull;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads scenario files: YAML text to a validated {@link Scenario}, or every problem found.
 * Never throws for bad input; only {@link #loadOrThrow} turns problems into a {@link ScenarioException}.
 *
 * <pre>{@code
 * ValidationResult r = ScenarioLoader.load(Path.of("scenarios/09-vrrp-failover.yaml"));
 * if (!r.ok()) { System.err.print(r.format()); System.exit(2); }
 * Scenario s = r.scenario();
 * }</pre>
 */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /** Reads and validates a file; a file that cannot be read is one problem, not an exception. */
    public static ValidationResult load(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new ValidationResult(null, List.of(new Problem(file.toString(), 0, 0, "", "the file is not UTF-8 text")));
        } catch (IOException e) {
            return new ValidationResult(null, List.of(new Problem(file.toString(), 0, 0, "", "cannot read the file: " + e)));
        }
        return parse(text, file.toString());
    }

    /** Loads a file, throwing its problems. */
    public static Scenario loadOrThrow(Path file) throws ScenarioException {
        return load(file).orThrow();
    }

    /** Parses and validates scenario text; {@code fileName} names it in problems and gives the default scenario name. */
    public static ValidationResult parse(String text, String fileName) {
        Ctx ctx = new Ctx(fileName);
        Scenario scenario = null;
        try {
            scenario = parse(text, fileName, ctx);
        } catch (RuntimeException e) {
            // a bug of ours, not of the file: still reported as a problem, never as a stack trace
            ctx.error(Yaml.Pos.NONE, "", "internal error while reading the scenario (please report it): " + e);
        }
        List<Problem> problems = new ArrayList<>(ctx.problems());
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        if (problems.isEmpty() && scenario == null) {
            problems.add(new Problem(fileName, 0, 0, "", "the scenario could not be read"));
        }
        return new ValidationResult(problems.isEmpty() ? scenario : null, problems);
    }

    private static Scenario parse(String text, String fileName, Ctx ctx) {
        Y root = Yaml.parse(text, ctx);
        if (root == null) return null;
        String defaultName = defaultName(fileName);
        ScenarioParser parser = new ScenarioParser(ctx);
        Scenario base = parser.parse(root, defaultName, null, Map.of());
        if (base != null) ScenarioValidator.check(base, parser.declared(), parser.paths(), ctx);
        if (!(root instanceof YMap rootMap) || rootMap.get("variants") == null || !(rootMap.get("variants").value() instanceof YMap vm)) {
            return base;
        }
        // each variant is the base document with its overrides merged in, parsed and checked on its own
        YMap withoutVariants = Yaml.without(rootMap, List.of("variants"));
        Map<String, Scenario> variants = new LinkedHashMap<>();
        for (Entry e : vm.entries().values()) {
            ctx.clearPositions();
            ctx.note = "in variant '" + e.key() + "': ";
            Y body = e.value() instanceof YNull ? new YMap(e.value().pos(), Map.of()) : e.value();
            if (!(body instanceof YMap bm)) {
                ctx.error(e.value().pos(), "variants." + e.key(), "expected a mapping of the fields this variant overrides, got "
                        + Yaml.describe(e.value()));
                continue;
            }
            if (bm.get("variants") != null) {
                ctx.error(bm.get("variants").keyPos(), "variants." + e.key() + ".variants", "a variant cannot have variants of its own");
                continue;
            }
            ScenarioParser vp = new ScenarioParser(ctx);
            Scenario v = vp.parse(Yaml.merge(withoutVariants, bm), defaultName, e.key(), Map.of());
            if (v != null) {
                ScenarioValidator.check(v, vp.declared(), vp.paths(), ctx);
                variants.put(e.key(), v);
            }
        }
        ctx.note = "";
        return base == null ? null : base.withVariants(variants);
    }

    private static String defaultName(String fileName) {
        String n = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        for (String ext : List.of(".yaml", ".yml")) {
            if (n.endsWith(ext)) return n.substring(0, n.length() - ext.length());
        }
        return n;
    }
}
