package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.TrackEffect;
import io.firsthop.core.track.TrackedObject;
import io.firsthop.sim.capture.PcapCapture;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import io.firsthop.wire.pcap.PcapReader;
import io.firsthop.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pcap of a VRRP failover written by firsthop decodes in Wireshark's dissectors with correct
 * checksums. The scenario is the notes' uplink failure: r1 (110, tracking its uplink, decrement
 * 20) loses its uplink, answers the hosts' pings with ICMP net unreachable (quoting them) until
 * r2 preempts, and the capture holds VRRP advertisements of both routers, gratuitous ARP,
 * echo requests and replies, and ICMP errors. Without tshark on the PATH only the tshark part is
 * skipped; .ci/run installs it.
 */
class VrrpFailoverCaptureTest {
    static final long CUT_AT = 6 * S + 300 * MS;
    static final List<String> LINKS = List.of("r1-sw1", "r2-sw1", "h1-sw1");
    static final Set<String> ENDPOINTS = Set.of("r1:ge0", "sw1:r1", "r2:ge0", "sw1:r2", "h1:eth0", "sw1:h1");

    @TempDir
    Path dir;

    /** Runs the uplink failover with a capture of the LAN links; returns the lab. */
    VrrpLab failover(Path file, boolean pseudoHeader) throws IOException {
        VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100).withPseudoHeader(pseudoHeader).withProbeInterval(100 * MS));
        lab.router(0).addTrackedObject(TrackedObject.interfaceLine("uplink", "ge1"));
        lab.router(0).track(lab.lanGroups.get(0), "uplink", TrackEffect.decrement(20));
        try (PcapCapture capture = PcapCapture.onLinks(lab.sim, file, LINKS.toArray(String[]::new))) {
            lab.sim.addTraceSink(capture);
            lab.sim.cutLink(CUT_AT, "r1-sw2");
            lab.sim.run(CUT_AT + 6 * S);
            assertEquals(sentOnLinks(lab).size(), capture.framesWritten());
        }
        return lab;
    }

    static List<TraceEvent.FrameSent> sentOnLinks(VrrpLab lab) {
        return lab.trace.ofType(TraceEvent.FrameSent.class).stream()
                .filter(s -> ENDPOINTS.contains(s.device() + ":" + s.port())).toList();
    }

    @Test
    @DisplayName("the capture holds every frame put on the tapped links, at its virtual send time, and decodes back to it (checksums verified)")
    void captureRoundTrips() throws IOException, DecodeException {
        Path file = dir.resolve("failover.pcap");
        VrrpLab lab = failover(file, true);
        List<TraceEvent.FrameSent> sent = sentOnLinks(lab);
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(sent.size(), records.size());
        int vrrp = 0;
        int icmpErrors = 0;
        for (int i = 0; i < records.size(); i++) {
            PcapRecord r = records.get(i);
            assertEquals(sent.get(i).at(), r.timestampNanos());
            assertTrue(r.data().length() >= 60, "padded to the Ethernet minimum as on a wire");
            EthernetFrame decoded = Frames.decode(r.data().toArray(), WireOptions.DEFAULT);
            assertEquals(sent.get(i).frame(), decoded, "frame " + (i + 1));
            if (decoded.payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement) vrrp++;
            if (decoded.payload() instanceof Ipv4Packet ip && ip.payload() instanceof IcmpError) icmpErrors++;
        }
        assertTrue(vrrp > 10, vrrp + " advertisements");
        assertTrue(icmpErrors > 0, "r1 answered with ICMP errors while it was Master without an uplink");
    }

    @Test
    @DisplayName("RFC 5798 §5.2.8 (pseudo-header checksum, keepalived/FRR): tshark decodes every VRRP, ARP and ICMP frame with good checksums, nothing malformed")
    void tsharkAcceptsPseudoHeaderCapture() throws Exception {
        Path file = dir.resolve("failover-rfc5798.pcap");
        VrrpLab lab = failover(file, true);
        assertTsharkDecodesCleanly(file, false, sentOnLinks(lab).size());
    }

    @Test
    @DisplayName("RFC 9568 §5.2.8 (no pseudo-header): the capture follows the routers' mode; tshark agrees with the matching preference and flags the other")
    void tsharkAcceptsRfc9568Capture() throws Exception {
        Path file = dir.resolve("failover-rfc9568.pcap");
        VrrpLab lab = failover(file, false);
        assertTsharkDecodesCleanly(file, true, sentOnLinks(lab).size());
        List<String[]> wrongMode = tsharkFields(file, false);
        long bad = wrongMode.stream().filter(f -> f[1].contains("vrrp") && !f[4].equals("1")).count();
        long advertisements = wrongMode.stream().filter(f -> f[1].contains("vrrp")).count();
        assertEquals(advertisements, bad, "read as RFC 5798, every RFC 9568 checksum is wrong: the test can fail");
        assertTrue(bad > 10);
    }

    @Test
    @DisplayName("a capture names links and ports that exist")
    void unknownPlacesRejected() {
        VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100));
        assertThrows(IllegalArgumentException.class, () -> PcapCapture.onLinks(lab.sim, dir.resolve("x.pcap"), "nope"));
        assertThrows(IllegalArgumentException.class, () -> PcapCapture.onPort(lab.sim, dir.resolve("y.pcap"), "r1:ge9"));
    }

    @Test
    @DisplayName("a port capture sees what the port sends and what reaches it, as tcpdump -i does")
    void portCapture() throws IOException {
        VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(100).withProbeInterval(100 * MS));
        Path file = dir.resolve("r2-ge0.pcap");
        try (PcapCapture capture = PcapCapture.onPort(lab.sim, file, "r2:ge0")) {
            lab.sim.addTraceSink(capture);
            lab.sim.crash(6 * S, "r1");
            lab.sim.run(12 * S);
        }
        long expected = lab.trace.events().stream().filter(e -> e.device().equals("r2")
                && (e instanceof TraceEvent.FrameSent s && s.port().equals("ge0")
                || e instanceof TraceEvent.FrameReceived r && r.port().equals("ge0"))).count();
        assertEquals(expected, PcapReader.readAll(file).size());
        assertTrue(expected > 20);
    }

    // ---- tshark ----

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

    static String tshark(Path file, boolean vrrpChecksumAsInV2, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE",
                "-o", "vrrp.v3_checksum_as_in_v2:" + (vrrpChecksumAsInV2 ? "TRUE" : "FALSE")));
        command.addAll(List.of(more));
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark finished");
            assertEquals(0, p.exitValue(), () -> "tshark failed: " + readQuietly(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Per frame: number, protocols, ip / icmp / vrrp checksum status (1 = good), malformed, expert severities. */
    static List<String[]> tsharkFields(Path file, boolean vrrpChecksumAsInV2) throws IOException, InterruptedException {
        String out = tshark(file, vrrpChecksumAsInV2, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=,", "-e", "frame.number", "-e", "frame.protocols", "-e", "ip.checksum.status",
                "-e", "icmp.checksum.status", "-e", "vrrp.checksum.status", "-e", "_ws.malformed", "-e", "_ws.expert.severity");
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) rows.add(line.split("\t", -1));
        }
        return rows;
    }

    static void assertTsharkDecodesCleanly(Path file, boolean vrrpChecksumAsInV2, int frames) throws Exception {
        Assumptions.assumeTrue(tsharkOnPath(), "tshark is not on the PATH (.ci/run installs it)");
        List<String[]> rows = tsharkFields(file, vrrpChecksumAsInV2);
        assertEquals(frames, rows.size(), "tshark read every frame");
        int vrrp = 0;
        int arp = 0;
        int icmp = 0;
        int quoted = 0;
        for (String[] f : rows) {
            String frame = "frame " + f[0] + " (" + f[1] + ")";
            if (f[1].contains(":ip")) {
                for (String status : f[2].split(",")) assertEquals("1", status, frame + ": IPv4 header checksum");
                if (f[2].contains(",")) quoted++;
            }
            if (f[1].contains(":icmp")) {
                icmp++;
                String[] statuses = f[3].split(",");
                assertEquals("1", statuses[0], frame + ": ICMP checksum");
                // a quoted ICMP header (RFC 792: 8 bytes of the original) cannot be verified: 2, never bad (0)
                for (int q = 1; q < statuses.length; q++) assertEquals("2", statuses[q], frame + ": quoted ICMP checksum");
            }
            if (f[1].contains(":vrrp")) {
                vrrp++;
                assertEquals("1", f[4], frame + ": VRRP checksum");
            }
            if (f[1].endsWith(":arp")) arp++;
            assertEquals("", f[5], frame + " malformed");
            assertEquals("", f.length > 6 ? f[6] : "", frame + " has expert info");
        }
        assertTrue(vrrp > 10 && arp > 0 && icmp > 0, vrrp + " VRRP, " + arp + " ARP, " + icmp + " ICMP frames");
        assertTrue(quoted > 0, "the ICMP errors' quoted IPv4 headers were checked too");
        String verbose = tshark(file, vrrpChecksumAsInV2, "-V");
        for (String word : List.of("incorrect", "Bad", "Malformed", "Expert Info")) {
            assertFalse(verbose.contains(word), "tshark -V says '" + word + "'");
        }
        assertTrue(verbose.contains("[Checksum Status: Good]"));
    }
}
