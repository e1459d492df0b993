package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.run.Engines;
import io.firsthop.run.ExitCodes;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunSession;
import io.firsthop.run.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster engine's choices and, with every site an ActorSystem in this JVM (one Pekko
 * Cluster, wall-clock time), a shipped scenario whose expectations hold there too. Each run lasts
 * its scenario's duration in real time. The default, one JVM per site, is {@link SiteJvmRunTest}'s.
 */
class ClusterEngineTest {
    static final Path SCENARIOS = Path.of("../../scenarios");

    @TempDir
    Path dir;

    static NetworkPlan plan(String file) {
        Validation.Checked checked = Validation.check(SCENARIOS.resolve(file));
        assertTrue(checked.ok(), checked::format);
        return checked.plans().get("");
    }

    @Test
    @DisplayName("--engine cluster finds the cluster engine through the run module's ServiceLoader; one JVM per site is its default")
    void registered() {
        ClusterEngine engine = assertInstanceOf(ClusterEngine.class, Engines.byName("cluster"));
        assertFalse(engine.sitesInOneJvm());
        assertTrue(engine.withSitesInOneJvm(true).sitesInOneJvm());
    }

    @Test
    @DisplayName("the run process's own member is named run-control, or run-control-N when a scenario site has that name")
    void controlSiteName() {
        assertEquals("run-control", SiteJvmRun.controlSiteName(List.of("seoul", "daegu")));
        assertEquals("run-control-2", SiteJvmRun.controlSiteName(List.of("run-control", "daegu")));
        assertEquals("run-control-3", SiteJvmRun.controlSiteName(List.of("run-control-2", "run-control")));
    }

    static Stream<Path> shippedScenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedScenarios")
    @DisplayName("a site JVM binding the same file gets the same plan digest, for the scenario and each variant (no identity hash in it)")
    void planDigestIsStable(Path file) {
        Validation.Checked first = Validation.check(file);
        Validation.Checked again = Validation.check(file);
        assertTrue(first.ok(), first::format);
        for (String variant : first.plans().keySet()) {
            NetworkPlan plan = first.plans().get(variant);
            assertEquals(ClusterEngine.planDigest(plan), ClusterEngine.planDigest(again.plans().get(variant)), variant);
            assertFalse(Pattern.compile("@[0-9a-f]{5,}").matcher(plan.scenario().toString()).find(),
                    "an object without a value toString in the scenario of " + variant);
        }
        List<String> digests = first.plans().values().stream().map(ClusterEngine::planDigest).distinct().toList();
        assertEquals(first.plans().size(), digests.size(), "each variant has a digest of its own");
    }

    @Test
    @DisplayName("a plan built in code cannot start site JVMs (they load the file): the run fails saying so")
    void multiJvmNeedsTheFile() {
        NetworkPlan plan = plan("07-arp-only-master-answers.yaml");
        RunSession.Result r = new RunSession(plan, new ClusterEngine(), RunSession.Options.defaults(dir, 1), p -> { }).run();
        assertEquals(ExitCodes.RUN_FAILED, r.exitCode());
        assertTrue(r.failure().contains("scenario file"), r.failure());
    }

    @Test
    @DisplayName("the plan becomes the cluster's topology: the scenario's sites, each device on its site, each link as bound, no WAN on top")
    void topology() {
        NetworkPlan plan = plan("12-anycast-two-sites.yaml");
        ClusterTopology t = ClusterEngine.topology(plan);
        assertEquals(List.of("seoul", "daegu"), t.sites());
        assertEquals(plan.devices().size(), t.devices().size());
        assertEquals("daegu", t.devices().stream().filter(d -> d.name().equals("leaf-daegu")).findFirst().orElseThrow().site());
        assertEquals(plan.links().size(), t.links().size());
        assertEquals(2_000_000L, t.links().stream().filter(l -> l.name().equals("dci")).findFirst().orElseThrow().config().latencyNanos());
    }

    @Test
    @DisplayName("with the sites in one JVM, a kill-site crashes every device of the site: the Backup in the other site takes over, "
            + "the expectations hold, and the run directory is written")
    void scenarioPassesInOneJvm() throws IOException {
        Validation.Checked checked = Validation.check(SiteJvmRunTest.KILL_MASTER_SITE);
        assertTrue(checked.ok(), checked::format);
        NetworkPlan plan = checked.plans().get("");
        RunSession.Result r = new RunSession(plan, new ClusterEngine().withSitesInOneJvm(true),
                RunSession.Options.defaults(dir, plan.scenario().seed()), p -> { }).run();
        assertEquals(ExitCodes.OK, r.exitCode(), () -> r.failure() + "\n" + (r.report() == null ? "" : r.report().expectations()));
        assertTrue(r.report().complete());
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"cluster\""));
        assertTrue(Files.readString(dir.resolve("events.jsonl")).contains("\"device\":\"r1\",\"type\":\"DeviceEvent\",\"what\":\"crash\""),
                "r1 crashed with its site");
    }
}
