package io.firsthop.cluster;

import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.VrrpAdvertisement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binary trace file a site JVM writes and the run process reads back ({@link TraceFileWriter}, {@link TraceFileReader}). */
class TraceFileTest {
    private static final MacAddress M1 = MacAddress.parse("00:00:5e:00:01:01");
    private static final MacAddress M2 = MacAddress.parse("02:00:00:00:00:02");
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.11");
    private static final Ipv4Address B = Ipv4Address.parse("198.51.100.10");

    @TempDir
    Path dir;

    /** One event of every TraceEvent record, frames of several kinds, a null field, text beyond ASCII. */
    static List<SiteTrace> everyKind() {
        EthernetFrame arp = EthernetFrame.untagged(MacAddress.BROADCAST, M2, ArpPacket.request(M2, A, B));
        EthernetFrame echo = new EthernetFrame(M1, M2, new VlanTag(0, false, 10),
                Ipv4Packet.of(64, A, B, IcmpEcho.request(7, 3, Bytes.ofHex("cafe"))));
        EthernetFrame vrrp = EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), M1,
                Ipv4Packet.of(255, A, Ipv4Address.VRRP_MULTICAST, VrrpAdvertisement.v3(1, 110, 100, List.of(A))));
        return List.of(
                new SiteTrace("seoul", new TraceEvent.FrameSent(1, "r1", "ge0", vrrp)),
                new SiteTrace("seoul", new TraceEvent.FrameReceived(2, "h1", "eth0", echo)),
                new SiteTrace("seoul", new TraceEvent.FrameDropped(3, "dci", "sw1:wan", arp, DropReason.LINK_DOWN, "site daegu gone")),
                new SiteTrace("seoul", new TraceEvent.ArpLearned(4, "h1", A, M1, null)),
                new SiteTrace("seoul", new TraceEvent.ArpExpired(5, "h1", A, M1)),
                new SiteTrace("seoul", new TraceEvent.ArpFailed(6, "h1", B, 3)),
                new SiteTrace("seoul", new TraceEvent.MacLearned(7, "sw1", 10, M1, "p2")),
                new SiteTrace("seoul", new TraceEvent.MacMoved(8, "sw1", 10, M1, "p2", "wan")),
                new SiteTrace("seoul", new TraceEvent.MacRemoved(9, "sw1", 10, M1, "wan", "port down")),
                new SiteTrace("seoul", new TraceEvent.StateChanged(10, "r2", "vrrp 1 on ge0", "backup", "master", "no-response")),
                new SiteTrace("seoul", new TraceEvent.DeviceEvent(11, "r1", "crash")),
                new SiteTrace("seoul", new TraceEvent.LinkEvent(12, "dci", "cut")),
                new SiteTrace("seoul", new TraceEvent.ProbeSent(13, "h1", "out", 1, B)),
                new SiteTrace("seoul", new TraceEvent.ProbeAnswered(14, "h1", "out", 1, 2_345_678L, M1)),
                new SiteTrace("seoul", new TraceEvent.ProbeLost(15, "h1", "out", 2, 13)),
                new SiteTrace("seoul", new TraceEvent.Note(16, "site:seoul", "member removed daegu \u00e9\uD83D\uDE00")));
    }

    private static List<SiteTrace> write(Path file, boolean frames, List<SiteTrace> events) {
        try (TraceFileWriter w = new TraceFileWriter(file, frames, TraceFileWriter.DEFAULT_FLUSH_MILLIS)) {
            for (SiteTrace t : events) w.accept(t.site(), t.event());
        }
        return events;
    }

    @Test
    @DisplayName("every trace event record comes back equal, with its site, in the order written")
    void roundTrip() {
        Path file = dir.resolve("seoul.trace.bin");
        List<SiteTrace> written = write(file, true, everyKind());
        try (TraceFileReader r = new TraceFileReader(file)) {
            assertEquals(written, r.poll());
            assertEquals(written.size(), r.records());
            assertEquals(0, r.rejected());
            assertEquals(0, r.pendingBytes());
            assertEquals(List.of(), r.poll(), "nothing new: a second poll returns nothing");
        }
    }

    @Test
    @DisplayName("per-frame events (sent, received) are written only when asked; drops always are")
    void framesOnlyWhenAsked() {
        Path file = dir.resolve("daegu.trace.bin");
        write(file, false, everyKind());
        List<SiteTrace> read = TraceFileReader.readAll(file);
        List<SiteTrace> expected = everyKind().stream().filter(t -> !(t.event() instanceof TraceEvent.FrameSent)
                && !(t.event() instanceof TraceEvent.FrameReceived)).toList();
        assertEquals(expected, read);
        assertTrue(read.stream().anyMatch(t -> t.event() instanceof TraceEvent.FrameDropped));
    }

    @Test
    @DisplayName("a reader polling while the file grows byte by byte sees each record once it is complete, never a part of one")
    void readsWhileWritten() throws IOException {
        Path full = dir.resolve("full.bin");
        List<SiteTrace> written = write(full, true, everyKind());
        byte[] bytes = Files.readAllBytes(full);
        Path growing = dir.resolve("growing.bin");
        List<SiteTrace> seen = new ArrayList<>();
        try (TraceFileReader r = new TraceFileReader(growing)) {
            assertEquals(List.of(), r.poll(), "no file yet: nothing, no error");
            Files.write(growing, new byte[0]);
            // grow it in uneven steps, some inside the magic, some inside a length, some inside a record
            int at = 0;
            int step = 1;
            while (at < bytes.length) {
                int n = Math.min(step, bytes.length - at);
                Files.write(growing, Arrays.copyOfRange(bytes, at, at + n), StandardOpenOption.APPEND);
                at += n;
                step = step % 13 + 3;
                seen.addAll(r.poll());
                assertEquals(written.subList(0, seen.size()), seen, "after " + at + " bytes");
            }
            assertEquals(written, seen);
            assertEquals(0, r.pendingBytes());
        }
    }

    @Test
    @DisplayName("a torn last record (the writer SIGKILLed mid-record) is left out and counted as pending bytes")
    void tornTail() throws IOException {
        Path file = dir.resolve("killed.bin");
        List<SiteTrace> written = write(file, true, everyKind());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        try (TraceFileReader r = new TraceFileReader(file)) {
            assertEquals(written.subList(0, written.size() - 1), r.poll());
            assertTrue(r.pendingBytes() > 0 && r.pendingBytes() < 100, "pending " + r.pendingBytes());
        }
    }

    @Test
    @DisplayName("a file that is not a trace file is refused, not misread")
    void notATraceFile() throws IOException {
        Path file = dir.resolve("other.bin");
        Files.writeString(file, "1000\tseoul\tNote\tr1\thello\n");
        assertThrows(UncheckedIOException.class, () -> TraceFileReader.readAll(file));
    }

    @Test
    @DisplayName("a record whose bytes do not decode is skipped and counted; the records after it are read")
    void corruptRecordSkipped() throws IOException {
        Path file = dir.resolve("corrupt.bin");
        List<SiteTrace> written = write(file, true, everyKind());
        byte[] bytes = Files.readAllBytes(file);
        // the first record starts after the 8-byte magic and its 4-byte length: make its class id Kryo's null
        bytes[12] = 0;
        Files.write(file, bytes);
        try (TraceFileReader r = new TraceFileReader(file)) {
            assertEquals(written.subList(1, written.size()), r.poll());
            assertEquals(1, r.rejected());
        }
    }

    @Test
    @DisplayName("events handed over concurrently by many threads are all written, each exactly once")
    void concurrentWriters() throws Exception {
        Path file = dir.resolve("busy.bin");
        int threads = 4;
        int each = 2_000;
        try (TraceFileWriter w = new TraceFileWriter(file, false, 1)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String device = "h" + t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < each; i++) w.accept("daegu", new TraceEvent.ProbeSent(i, device, "f", i, B));
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) th.join();
        }
        List<SiteTrace> read = TraceFileReader.readAll(file);
        assertEquals(threads * each, read.size());
        for (int t = 0; t < threads; t++) {
            String device = "h" + t;
            List<Integer> seqs = read.stream().filter(x -> x.event().device().equals(device))
                    .map(x -> ((TraceEvent.ProbeSent) x.event()).sequence()).toList();
            assertEquals(each, seqs.size());
            for (int i = 0; i < each; i++) assertEquals(i, seqs.get(i), "one thread's events keep their order");
        }
    }
}
