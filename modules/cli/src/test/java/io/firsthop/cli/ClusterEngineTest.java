package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A selection of the shipped scenarios on the cluster engine (every site an ActorSystem in this
 * JVM, one Pekko Cluster, wall-clock time): their expectations hold there too. Each run lasts
 * its scenario's duration in real time.
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
    @DisplayName("--engine cluster finds the cluster engine through the run module's ServiceLoader")
    void registered() {
        assertInstanceOf(ClusterEngine.class, Engines.byName("cluster"));
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"07-arp-only-master-answers.yaml", "12-anycast-two-sites.yaml"})
    @DisplayName("the scenario's expectations hold on the cluster engine, and its run directory is written")
    void scenarioPasses(String file) throws IOException {
        NetworkPlan plan = plan(file);
        RunSession.Result r = new RunSession(plan, new ClusterEngine(), RunSession.Options.defaults(dir, plan.scenario().seed()), p -> { })
                .run();
        assertEquals(ExitCodes.OK, r.exitCode(), () -> r.failure() + "\n" + (r.report() == null ? "" : r.report().expectations()));
        assertTrue(r.report().complete());
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"cluster\""));
    }
}
