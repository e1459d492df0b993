package io.firsthop.run;

import io.firsthop.core.Device;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.capture.PcapCapture;
import io.firsthop.wire.pcap.PcapWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pcap per link of a plan ({@code <dir>/<link>.pcap}, named by {@link VirtualRunner#captureFileName}),
 * written from the frames an engine traces: what {@code --capture} gives on an engine that does not
 * capture by itself (the cluster engine, whose frames are traced by each site and reach the run as
 * events). Each frame is written at the instant its sender put it on the cable, in both directions.
 * Frames arrive as the sites send their events, so within one file frames of the two ends of a
 * cross-site link may be a little out of time order; Wireshark and tshark show each with its own
 * timestamp.
 */
final class LinkCaptures implements SiteTraceSink, Closeable {
    private final List<PcapCapture> captures = new ArrayList<>();
    /** "device:port" -> the capture of the link at that port. */
    private final Map<String, PcapCapture> byEnd = new HashMap<>();

    private LinkCaptures() {
    }

    /**
     * Opens a capture for every link of {@code plan} in {@code dir} (created if missing).
     *
     * @throws RunFailure if a file cannot be created
     */
    static LinkCaptures open(NetworkPlan plan, Path dir) {
        LinkCaptures c = new LinkCaptures();
        // instances read only for their VRRP checksum modes, never run
        List<Device> devices = new ArrayList<>();
        for (DevicePlan d : plan.devices()) devices.add(d.factory().get());
        try {
            Files.createDirectories(dir);
            for (LinkPlan l : plan.links()) {
                PcapCapture capture = PcapCapture.onEnds(PcapWriter.create(dir.resolve(VirtualRunner.captureFileName(l.name()))), 0,
                        List.of(l.a(), l.b()), devices);
                c.captures.add(capture);
                c.byEnd.put(l.a(), capture);
                c.byEnd.put(l.b(), capture);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw new RunFailure("cannot write captures in " + dir + ": " + e.getMessage(), e);
        }
        return c;
    }

    @Override
    public void accept(String site, TraceEvent event) {
        if (event instanceof TraceEvent.FrameSent s) {
            PcapCapture capture = byEnd.get(s.device() + ":" + s.port());
            if (capture != null) capture.accept(s);
        }
    }

    @Override
    public boolean wantsFrameEvents() {
        return true;
    }

    /** Frames written to every file so far. */
    long framesWritten() {
        long n = 0;
        for (PcapCapture c : captures) n += c.framesWritten();
        return n;
    }

    /** Closes every file; a file that fails to close loses only its own tail. */
    @Override
    public void close() {
        for (PcapCapture c : captures) {
            try {
                c.close();
            } catch (IOException e) {
                // the other captures and the run's figures stand
            }
        }
    }
}
