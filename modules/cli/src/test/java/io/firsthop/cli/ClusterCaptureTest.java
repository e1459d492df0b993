package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.run.ExitCodes;
import io.firsthop.run.LinkPlan;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunSession;
import io.firsthop.run.VirtualRunner;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import io.firsthop.wire.pcap.PcapReader;
import io.firsthop.wire.pcap.PcapRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --capture} on the cluster engine (one JVM per site): the pcaps are written in the run process from the frames the site JVMs trace. */
class ClusterCaptureTest {
    private static final String FILE = "07-arp-only-master-answers.yaml";

    @TempDir
    Path dir;

    @Test
    @DisplayName("--capture on the cluster engine writes one pcap per link whose every frame decodes with correct checksums "
            + "(RFC 5798 §5.2.8 for the VRRP adverts)")
    void captureOnTheClusterEngine() throws Exception {
        NetworkPlan plan = ClusterEngineTest.plan(FILE);
        RunSession.Options options = new RunSession.Options(dir, plan.scenario().seed(), true, false, 0, 0);
        RunSession.Result r = new RunSession(plan, new ClusterEngine().forScenarioFile(ClusterEngineTest.SCENARIOS.resolve(FILE)), options, p -> { }).run();
        assertEquals(ExitCodes.OK, r.exitCode(), () -> r.failure() + "\n" + (r.report() == null ? "" : r.report().expectations()));
        long adverts = 0;
        for (LinkPlan link : plan.links()) {
            Path pcap = dir.resolve("captures").resolve(VirtualRunner.captureFileName(link.name()));
            assertTrue(Files.exists(pcap), pcap::toString);
            int frames = 0;
            for (PcapRecord rec : PcapReader.readAll(pcap)) {
                // decoding checks every checksum: a wrong one is a DecodeException
                EthernetFrame f = Frames.decode(rec.data().toArray(), WireOptions.DEFAULT);
                if (f.payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement) adverts++;
                frames++;
            }
            assertTrue(frames > 0, "no frame captured on " + link.name());
        }
        assertTrue(adverts > 10, "VRRP advertisements captured: " + adverts);
        // capturing keeps the rest of the run's settings: the site JVMs' logs and traces are in the run directory
        try (var sites = Files.list(dir.resolve("sites"))) {
            assertTrue(sites.anyMatch(f -> f.getFileName().toString().endsWith(".log")), "no site log in " + dir.resolve("sites"));
        }
    }
}
