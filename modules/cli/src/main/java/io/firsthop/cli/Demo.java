package io.firsthop.cli;

import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.ProbeLog;
import io.firsthop.sim.TraceSink;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.topo.Lan;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo: the source notes' points 1 to 4, each as a short scenario on the virtual engine,
 * told as a timeline (time, device, what happened) and a result per probe flow.
 *
 * <p>Without {@code verbose} the timeline keeps what a network engineer looks at: the failures
 * injected, ports going down and up, ARP entries learned, notes from the devices, and where
 * each outage of the probes began and ended. With it, every trace event of the run, frames
 * included.
 */
final class Demo {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long INTERVAL = 10 * MS;
    static final long TIMEOUT = SECOND;
    /** Every cable: 50 us of latency, give or take 5 us drawn from the run's seed. */
    static final LinkConfig LINKS = LinkConfig.ofLatency(50_000).withJitter(5_000);

    private static final long FAIL = 1_005 * MS;
    private static final long REPAIR = 2_505 * MS;
    private static final long RECONFIGURE = 3_005 * MS;
    private static final long END = 4_005 * MS;

    private final PrintWriter out;
    private final long seed;
    private final boolean verbose;

    Demo(PrintWriter out, long seed, boolean verbose) {
        this.out = out;
        this.seed = seed;
        this.verbose = verbose;
    }

    void run() {
        out.println("firsthop demo: the source notes' points 1 to 4 on the virtual engine (seed " + seed + ")");
        out.println();
        out.println("The network: hosts h1 10.0.0.11 and h2 10.0.0.12 on switch sw1 (10.0.0.0/24); gateway r1 10.0.0.1");
        out.println("(and r2 10.0.0.2 where a second gateway is needed) uplinked to router wan, behind which server");
        out.println("srv " + Lan.SERVER + " answers pings. Every cable: 50 us +/- 5 us. Hosts ping every "
                + EventText.setting(INTERVAL) + "; a ping unanswered after " + EventText.setting(TIMEOUT) + " is lost.");
        out.println("Failures are injected " + EventText.setting(INTERVAL / 2) + " after a ping, so none is in flight at that instant.");
        point1();
        point2();
        point3();
        point4();
        out.println();
        out.println("Every run is deterministic: the same seed prints the same lines.");
        out.flush();
    }

    private void point1() {
        heading("Point 1. Hosts on one subnet talk directly: ARP broadcast, then L2 delivery. The gateway is not",
                "involved, so its crash changes nothing for them. (h1 pings h2; r1 crashes at " + EventText.time(FAIL) + " s.)");
        Scenario s = new Scenario(Lan.builder().hosts(2).gateways(1).probe("h1", flow("h2", Lan.hostAddress(2))), 0);
        ConversationWatch watch = new ConversationWatch("r1", Lan.hostAddress(1), Lan.hostAddress(2));
        s.sim.addTraceSink(watch);
        s.sim.crash(FAIL, "r1");
        s.run(END);
        s.result();
        out.println("  r1 received " + watch.receivedIp + " IP packets of the h1-h2 conversation and sent " + watch.sent
                + " frames of it; the only frames of it r1 saw were " + (watch.receivedArp == 1 ? "one ARP broadcast" : watch.receivedArp + " ARP broadcasts")
                + ", which sw1 floods to every port.");
        out.println("  The pings went h1 -> sw1 -> h2 and back, MAC to MAC, before and after r1 died.");
    }

    private void point2() {
        heading("Point 2. Reaching another network needs the gateway. With a single gateway, its crash cuts the",
                "subnet off until it is back. (h1 pings srv through r1; r1 crashes at " + EventText.time(FAIL)
                        + " s and restarts at " + EventText.time(REPAIR) + " s.)");
        Scenario s = new Scenario(Lan.builder().hosts(1).gateways(1).probe("h1", flow("srv", Lan.SERVER)), 0);
        s.sim.crash(FAIL, "r1");
        s.sim.restart(REPAIR, "r1");
        s.run(END);
        s.result();
    }

    private void point3() {
        heading("Point 3. With two gateways, the failures that matter: the gateway itself; its downstream interface,",
                "cable or module; the switch between hosts and gateways. Each cuts h1's routed path for as long as it",
                "lasts. (h1 pings srv through r1, h2 pings h1; r2 is there, but nothing moves h1 to it. The failure starts",
                "at " + EventText.time(FAIL) + " s and is repaired at " + EventText.time(REPAIR) + " s; start-up ARP omitted.)");
        kind("3a. gateway crash", sim -> {
            sim.crash(FAIL, "r1");
            sim.restart(REPAIR, "r1");
        });
        kind("3b. gateway's downstream interface (r1 ge0) shut down", sim -> {
            sim.interfaceDown(FAIL, "r1", Lan.GATEWAY_LAN_PORT);
            sim.interfaceUp(REPAIR, "r1", Lan.GATEWAY_LAN_PORT);
        });
        kind("3c. cable between gateway and switch (sw1-r1) cut", sim -> {
            sim.cutLink(FAIL, "sw1-r1");
            sim.restoreLink(REPAIR, "sw1-r1");
        });
        kind("3d. switch crash", sim -> {
            sim.crash(FAIL, Lan.SWITCH);
            sim.restart(REPAIR, Lan.SWITCH);
        });
    }

    private void kind(String title, Consumer<VirtualEngine> failure) {
        out.println();
        out.println("  " + title);
        Scenario s = new Scenario(Lan.builder().hosts(2).gateways(2)
                .probe("h1", flow("srv", Lan.SERVER)).probe("h2", flow("h1", Lan.hostAddress(1))), FAIL);
        failure.accept(s.sim);
        s.run(END);
        s.result();
    }

    private void point4() {
        heading("Point 4. Two gateways with different addresses and no FHRP do not help: a host keeps using the",
                "dead one until someone changes its gateway. (h1 uses r1, h2 uses r2, both ping srv; r1 crashes at "
                        + EventText.time(FAIL) + " s",
                "for good; the operator points h1 at r2 at " + EventText.time(RECONFIGURE) + " s; start-up ARP omitted.)");
        Scenario s = new Scenario(Lan.builder().hosts(2).gateways(2).hostGateway("h2", "r2")
                .probe("h1", flow("srv", Lan.SERVER)).probe("h2", flow("srv", Lan.SERVER)), FAIL);
        s.sim.crash(FAIL, "r1");
        s.sim.command(RECONFIGURE, "h1", new SetGateway(s.lan.address("r2")));
        s.run(END);
        s.result();
    }

    private void heading(String... lines) {
        out.println();
        for (String l : lines) out.println(l);
    }

    private static ProbeFlow flow(String name, Ipv4Address destination) {
        return new ProbeFlow(name, destination, INTERVAL, TIMEOUT, 0);
    }

    /** One line of a timeline. */
    private record Line(long at, String device, String text) {}

    /** One scenario: a fresh LAN, the lines it prints, and its probes. */
    private final class Scenario implements TraceSink {
        final Lan lan;
        final VirtualEngine sim;
        final ProbeLog probes = new ProbeLog();
        private final List<Line> lines = new ArrayList<>();
        /** Before this instant only the verbose timeline shows events (start-up ARP). */
        private final long quietUntil;
        private TraceEvent.DeviceEvent lastDeviceEvent;
        private long end;

        Scenario(Lan.Builder builder, long quietUntil) {
            this.lan = builder.seed(seed).links(LINKS).build();
            this.sim = lan.engine();
            this.quietUntil = quietUntil;
            sim.addTraceSink(probes).addTraceSink(this);
            for (String h : lan.hosts()) {
                for (ProbeFlow f : lan.host(h).config().probes()) {
                    lines.add(new Line(f.startNanos(), h, "pings " + f.name() + " (" + f.destination() + ") every "
                            + EventText.setting(f.intervalNanos())));
                }
            }
        }

        @Override
        public boolean wantsFrameEvents() {
            return verbose;
        }

        @Override
        public void accept(TraceEvent event) {
            String text = narrate(event);
            if (text != null && (event.at() >= quietUntil || verbose)) {
                lines.add(new Line(event.at(), event.device(), text));
            } else if (verbose) {
                lines.add(new Line(event.at(), event.device(), EventText.describe(event)));
            }
        }

        /** The line a network engineer wants for this event, or null to leave it to the verbose timeline. */
        private String narrate(TraceEvent event) {
            return switch (event) {
                case TraceEvent.DeviceEvent d -> {
                    // the engine traces an injected failure, then the device traces it again as it applies it
                    boolean repeat = d.equals(lastDeviceEvent);
                    lastDeviceEvent = d;
                    if (repeat || d.what().equals("power-on") || d.what().equals("power on")) yield null;
                    if (d.what().startsWith("command ")) yield ">>> operator: " + d.what().substring("command ".length());
                    yield injected(d.what()) ? ">>> " + d.what() : d.what();
                }
                case TraceEvent.LinkEvent l -> ">>> link " + l.what();
                case TraceEvent.ArpLearned a -> EventText.describe(a);
                case TraceEvent.ArpExpired a -> EventText.describe(a);
                case TraceEvent.ArpFailed a -> EventText.describe(a);
                case TraceEvent.StateChanged c -> EventText.describe(c);
                case TraceEvent.Note n -> n.text();
                default -> null;
            };
        }

        private static boolean injected(String what) {
            return what.equals("crash") || what.equals("crash (carrier kept)") || what.equals("shutdown") || what.equals("restart")
                    || what.startsWith("interface-down ") || what.startsWith("interface-up ");
        }

        void run(long until) {
            sim.runUntil(until);
            end = until;
            for (ProbeLog.Flow f : probes.flows()) {
                String to = "pings to " + f.name();
                for (ProbeLog.Outage o : f.outages()) {
                    lines.add(new Line(o.firstLostSentAt(), f.host(), to + " go unanswered from this one on: outage begins"));
                    if (o.recovered()) {
                        lines.add(new Line(o.recoveredSentAt() + o.recoveryRtt(), f.host(), to + " answered again (round trip "
                                + EventText.duration(o.recoveryRtt()) + "): outage " + EventText.duration(o.durationNanos())
                                + ", " + o.lost() + " pings lost"));
                    }
                }
            }
            lines.sort(Comparator.comparingLong(Line::at));
            out.println(String.format("  %10s  %-6s %s", "time (s)", "device", "event"));
            for (Line l : lines) out.println(String.format("  %10s  %-6s %s", EventText.time(l.at()), l.device(), l.text()));
        }

        void result() {
            for (ProbeLog.Flow f : probes.flows()) {
                StringBuilder sb = new StringBuilder("  result: ").append(f.host()).append(" -> ").append(f.name())
                        .append(" (").append(f.destination()).append(")")
                        .append(": ").append(f.sent()).append(" pings, ").append(f.answered()).append(" answered, ")
                        .append(f.lost()).append(" lost");
                if (f.pending() > 0) sb.append(", ").append(f.pending()).append(" still waiting at the end");
                long rtt = medianRtt(f);
                if (rtt >= 0) sb.append("; median round trip ").append(EventText.duration(rtt));
                out.println(sb);
                for (ProbeLog.Outage o : f.outages()) {
                    out.println("          outage: pings sent from " + EventText.time(o.firstLostSentAt()) + " s to "
                            + EventText.time(o.lastLostSentAt()) + " s lost (" + o.lost() + ")"
                            + (o.recovered()
                            ? "; answered again from " + EventText.time(o.recoveredSentAt()) + " s: " + EventText.duration(o.durationNanos()) + " without service"
                            : "; no answer since, " + EventText.duration(end - o.firstLostSentAt()) + " and counting"));
                }
            }
        }

        private static long medianRtt(ProbeLog.Flow f) {
            long[] rtts = new long[f.answered()];
            int n = 0;
            for (int i = 0; i < f.sent(); i++) {
                long r = f.rtt(i);
                if (r >= 0) rtts[n++] = r;
            }
            if (n == 0) return -1;
            Arrays.sort(rtts, 0, n);
            return rtts[n / 2];
        }
    }

    /** Counts the frames of one host pair's conversation that a device received and sent. */
    private static final class ConversationWatch implements TraceSink {
        private final String device;
        private final Ipv4Address a;
        private final Ipv4Address b;
        int received;
        int receivedArp;
        int receivedIp;
        int sent;

        ConversationWatch(String device, Ipv4Address a, Ipv4Address b) {
            this.device = device;
            this.a = a;
            this.b = b;
        }

        @Override
        public boolean wantsFrameEvents() {
            return true;
        }

        @Override
        public void accept(TraceEvent event) {
            switch (event) {
                case TraceEvent.FrameReceived r when r.device().equals(device) && ofConversation(r.frame()) -> {
                    received++;
                    if (r.frame().payload() instanceof ArpPacket) receivedArp++;
                    else receivedIp++;
                }
                case TraceEvent.FrameSent s when s.device().equals(device) && ofConversation(s.frame()) -> sent++;
                default -> { }
            }
        }

        private boolean ofConversation(EthernetFrame frame) {
            return switch (frame.payload()) {
                case Ipv4Packet ip -> pair(ip.source(), ip.destination());
                case ArpPacket arp -> pair(arp.senderIp(), arp.targetIp());
                default -> false;
            };
        }

        private boolean pair(Ipv4Address x, Ipv4Address y) {
            return (x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a));
        }
    }
}
