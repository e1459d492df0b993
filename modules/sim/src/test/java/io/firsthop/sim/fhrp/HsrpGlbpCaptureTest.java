package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.HsrpLab.MS;
import static io.firsthop.sim.fhrp.HsrpLab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.capture.PcapCapture;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import io.firsthop.wire.pcap.PcapReader;
import io.firsthop.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures of an HSRP failover and of a GLBP exchange written by firsthop decode in Wireshark's
 * dissectors with good IPv4, UDP and ICMP checksums and nothing malformed. The HSRP scenario is
 * the notes' tracking with preemption (hellos, a Coup, a Resign, the gratuitous ARP, pings and the
 * ICMP net unreachable r1 answers while it has no uplink); the GLBP one is four routers electing
 * an AVG, assigning forwarders by Request and Response, answering ARP, and a secondary taking over
 * a dead forwarder. Without tshark on the PATH only the tshark part is skipped; .ci/run installs it.
 */
class HsrpGlbpCaptureTest {
    static final List<String> HSRP_LINKS = List.of("r1-sw1", "r2-sw1", "h1-sw1");
    static final List<String> GLBP_LINKS = List.of("r1-sw1", "r3-sw1", "r4-sw1", "h3-sw1");
    /**
     * Wireshark's IPv4 dissector expects TTL 255 towards 224.0.0.102 because GLBP sends so there;
     * Cisco's HSRP version 2 sends TTL 1 to the same address (as firsthop does), and Wireshark
     * notes it on every such hello.
     */
    static final String HSRP2_TTL_NOTE = "\"Time To Live\" != 255 for a packet sent to the Local Network Control Block (see RFC 3171)";
    /** Wireshark's ARP duplicate-address detection, which GLBP's AVG trips by design: one IP, four MACs. */
    static final String GLBP_DUPLICATE_IP = "Duplicate IP address configured (10.0.0.1)";

    @TempDir
    Path dir;

    /** The notes' tracking failover with both routers preempting, captured on the LAN links. */
    static HsrpLab hsrpFailover(HsrpLab.Options options, Path file) throws IOException {
        HsrpLab lab = new HsrpLab(options.withPreempt(true, true).withProbeInterval(100 * MS));
        lab.router(0).addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
        lab.router(0).track(lab.lanGroups.get(0), "uplink", TrackEffect.decrement(20));
        long cutAt = 4 * options.holdNanos() + 300 * MS;
        try (PcapCapture capture = PcapCapture.onLinks(lab.sim, file, HSRP_LINKS.toArray(String[]::new))) {
            lab.sim.addTraceSink(capture);
            lab.sim.cutLink(cutAt, "r1-sw2");
            lab.sim.run(cutAt + 2 * options.holdNanos());
            assertEquals(sentOnLinks(lab.sim, lab.trace, HSRP_LINKS).size(), capture.framesWritten());
        }
        return lab;
    }

    /** GLBP's election and assignment, the hosts' ARP, and r3's death, captured on the links of r1, r3, r4 and h3. */
    static GlbpLab glbpExchange(Path file) throws IOException {
        GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults().withProbes(S, 40 * S));
        try (PcapCapture capture = PcapCapture.onLinks(lab.sim, file, GLBP_LINKS.toArray(String[]::new))) {
            lab.sim.addTraceSink(capture);
            lab.sim.crash(50 * S + 500 * MS, "r3");
            lab.sim.run(65 * S);
            assertEquals(sentOnLinks(lab.sim, lab.trace, GLBP_LINKS).size(), capture.framesWritten());
        }
        return lab;
    }

    /** The frames put on {@code links}, in the order they were sent. */
    static List<TraceEvent.FrameSent> sentOnLinks(VirtualEngine sim, TraceRecorder trace, List<String> links) {
        Set<String> endpoints = new HashSet<>();
        for (VirtualEngine.LinkEnds l : sim.links()) {
            if (links.contains(l.name())) {
                endpoints.add(l.a().device() + ":" + l.a().port());
                endpoints.add(l.b().device() + ":" + l.b().port());
            }
        }
        return trace.ofType(TraceEvent.FrameSent.class).stream().filter(s -> endpoints.contains(s.device() + ":" + s.port())).toList();
    }

    static void assertRoundTrips(Path file, List<TraceEvent.FrameSent> sent) throws IOException, DecodeException {
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(sent.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(sent.get(i).at(), records.get(i).timestampNanos());
            assertEquals(sent.get(i).frame(), Frames.decode(records.get(i).data().toArray(), WireOptions.DEFAULT), "frame " + (i + 1));
        }
    }

    @Test
    @DisplayName("the HSRP and GLBP captures hold every frame put on the tapped links, at its virtual send time, and decode back to it (checksums verified)")
    void capturesRoundTrip() throws Exception {
        Path v1 = dir.resolve("hsrp1.pcap");
        HsrpLab hsrp = hsrpFailover(HsrpLab.Options.v1(), v1);
        assertRoundTrips(v1, sentOnLinks(hsrp.sim, hsrp.trace, HSRP_LINKS));
        Path glbp = dir.resolve("glbp.pcap");
        GlbpLab lab = glbpExchange(glbp);
        assertRoundTrips(glbp, sentOnLinks(lab.sim, lab.trace, GLBP_LINKS));
    }

    @Test
    @DisplayName("RFC 2281 §5.1: tshark decodes the HSRPv1 failover (Hello, Coup, Resign to 224.0.0.2, TTL 1) with good IPv4, UDP and ICMP checksums, nothing malformed, no expert info")
    void tsharkAcceptsHsrpV1() throws Exception {
        Path file = dir.resolve("hsrp1.pcap");
        HsrpLab lab = hsrpFailover(HsrpLab.Options.v1(), file);
        List<String[]> rows = tsharkClean(file, sentOnLinks(lab.sim, lab.trace, HSRP_LINKS).size(), List.of(), "-e", "hsrp.opcode", "-e", "hsrp.group");
        assertEquals(Set.of("0", "1", "2"), column(rows, 7, r -> r[1].contains(":hsrp")), "Hello, Coup and Resign");
        assertEquals(Set.of("1"), column(rows, 8, r -> r[1].contains(":hsrp")));
    }

    @Test
    @DisplayName("Cisco HSRPv2: tshark decodes the failover's Group State and Text Authentication TLVs (224.0.0.102, TTL 1, ms timers) with good checksums; its only remark is Wireshark's TTL note for 224.0.0.102")
    void tsharkAcceptsHsrpV2() throws Exception {
        Path file = dir.resolve("hsrp2.pcap");
        HsrpLab lab = hsrpFailover(HsrpLab.Options.v2(300, 1_000), file);
        List<String[]> rows = tsharkClean(file, sentOnLinks(lab.sim, lab.trace, HSRP_LINKS).size(),
                List.of(new Allowed(":hsrp", HSRP2_TTL_NOTE)), "-e", "hsrp2.opcode", "-e", "hsrp2.hellotime", "-e", "hsrp2.holdtime");
        assertEquals(Set.of("0", "1", "2"), column(rows, 7, r -> r[1].contains(":hsrp")), "Hello, Coup and Resign");
        assertEquals(Set.of("300"), column(rows, 8, r -> r[1].contains(":hsrp")));
        assertEquals(Set.of("1000"), column(rows, 9, r -> r[1].contains(":hsrp")));
    }

    @Test
    @DisplayName("GLBP: tshark decodes hellos, Requests and Responses with good checksums and all four virtual MACs; its only remark is the duplicate-IP warning the AVG's load balancing trips by design")
    void tsharkAcceptsGlbp() throws Exception {
        Path file = dir.resolve("glbp.pcap");
        GlbpLab lab = glbpExchange(file);
        int frames = sentOnLinks(lab.sim, lab.trace, GLBP_LINKS).size();
        List<String[]> rows = tsharkClean(file, frames, List.of(new Allowed(":arp", GLBP_DUPLICATE_IP)),
                "-e", "glbp.group", "-e", "glbp.reqresp.virtualmac", "-e", "arp.src.hw_mac");
        assertEquals(Set.of("1"), column(rows, 7, r -> r[1].contains(":glbp")));
        // the four forwarders' MACs, and the Requests' forwarder 0 with no MAC yet
        assertEquals(Set.of("00:00:00:00:00:00", "00:07:b4:00:01:01", "00:07:b4:00:01:02", "00:07:b4:00:01:03", "00:07:b4:00:01:04"),
                column(rows, 8, r -> r[1].contains(":glbp")));
        assertTrue(column(rows, 9, r -> r[1].contains(":arp")).contains("00:07:b4:00:01:03"), "the AVG handed h3 forwarder 3");
        // with Wireshark's duplicate-address detection off, nothing at all is remarked
        tsharkClean(file, frames, List.of(), "-o", "arp.detect_duplicate_ips:FALSE");
    }

    // ---- tshark ----

    /** An expert message tolerated on frames whose protocols contain {@code protocol}. */
    record Allowed(String protocol, String message) {}

    static boolean tsharkOnPath() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Per frame: number, protocols, IPv4 / UDP / ICMP checksum statuses (1 good, 2 unverifiable),
     * malformed, expert messages, then the {@code -e} fields of {@code more} (and any {@code -o}
     * options in it). Checks every IPv4 and UDP checksum good, every ICMP checksum good (a quoted
     * one unverifiable), nothing malformed, and no expert message but the allowed ones.
     */
    static List<String[]> tsharkClean(Path file, int frames, List<Allowed> allowed, String... more) throws Exception {
        Assumptions.assumeTrue(tsharkOnPath(), "tshark is not on the PATH (.ci/run installs it)");
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "frame.number", "-e", "frame.protocols", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
                "-e", "icmp.checksum.status", "-e", "_ws.malformed", "-e", "_ws.expert.message"));
        command.addAll(List.of(more));
        List<String[]> rows = new ArrayList<>();
        for (String line : run(command).split("\n")) {
            if (!line.isBlank()) rows.add(line.split("\t", -1));
        }
        assertEquals(frames, rows.size(), "tshark read every frame");
        int udp = 0;
        for (String[] f : rows) {
            String frame = "frame " + f[0] + " (" + f[1] + ")";
            if (f[1].contains(":ip")) {
                for (String status : f[2].split(",")) assertEquals("1", status, frame + ": IPv4 header checksum");
            }
            if (f[1].contains(":udp")) {
                udp++;
                assertEquals("1", f[3].split(",")[0], frame + ": UDP checksum");
            }
            if (f[1].contains(":icmp")) {
                String[] statuses = f[4].split(",");
                assertEquals("1", statuses[0], frame + ": ICMP checksum");
                for (int q = 1; q < statuses.length; q++) assertEquals("2", statuses[q], frame + ": quoted ICMP checksum");
            }
            assertEquals("", f[5], frame + " malformed");
            if (!f[6].isEmpty()) {
                for (String message : f[6].split(",(?=\\S)")) {
                    boolean ok = allowed.stream().anyMatch(a -> f[1].contains(a.protocol()) && a.message().equals(message));
                    assertTrue(ok, frame + " has expert info: " + message);
                }
            }
        }
        assertTrue(udp > 10, udp + " UDP frames checked");
        String verbose = run(List.of("tshark", "-n", "-r", file.toString(), "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-V"));
        for (String word : List.of("incorrect", "[Checksum Status: Bad]", "Malformed")) {
            assertFalse(verbose.contains(word), "tshark -V says '" + word + "'");
        }
        assertTrue(verbose.contains("[Checksum Status: Good]"));
        return rows;
    }

    /** The distinct values of column {@code index} (split on the aggregator) over the rows that match. */
    static Set<String> column(List<String[]> rows, int index, Predicate<String[]> which) {
        return rows.stream().filter(which).filter(r -> r.length > index && !r[index].isEmpty())
                .flatMap(r -> Arrays.stream(r[index].split(","))).collect(Collectors.toCollection(TreeSet::new));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark finished");
            assertEquals(0, p.exitValue(), () -> "tshark failed: " + VrrpFailoverCaptureTest.readQuietly(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
