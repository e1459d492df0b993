package io.firsthop.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.json, both ways: {@link #write} renders a {@link RunReport} in the documented schema
 * (docs/report-format.md: snake_case keys, instants in seconds, durations in milliseconds, both
 * exact to the nanosecond; unmeasured figures null), {@link #read} parses it back.
 */
public final class ReportJson {
    /** The value of the "format" key; bumped when a key changes meaning. */
    public static final String FORMAT = "firsthop-report/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ReportJson() {
    }

    /** The report as indented JSON text. */
    public static String write(RunReport r) {
        try {
            return MAPPER.writeValueAsString(tree(r)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("rendering report.json", e);
        }
    }

    /** Parses report.json text. */
    public static RunReport read(String json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    // ---- writing ------------------------------------------------------------------------------

    static ObjectNode tree(RunReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode scenario = root.putObject("scenario");
        scenario.put("name", r.run().scenario());
        scenario.put("variant", r.run().variant());
        scenario.put("description", r.run().description());
        root.put("engine", r.run().engine());
        root.put("seed", r.run().seed());
        root.put("duration", sec(r.durationNs()));
        root.put("complete", r.complete());
        if (r.interrupted() == null) {
            root.putNull("interrupted");
        } else {
            ObjectNode stop = root.putObject("interrupted");
            stop.put("at", sec(r.interrupted().atNs()));
            stop.put("reason", r.interrupted().reason());
        }
        root.put("frames_analysed", r.framesAnalysed());
        root.put("trace_events", r.traceEvents());
        ArrayNode flows = root.putArray("flows");
        for (FlowReport f : r.flows()) flows.add(flow(f));
        ArrayNode groups = root.putArray("groups");
        for (GroupReport g : r.groups()) groups.add(group(g, r.durationNs()));
        ArrayNode failovers = root.putArray("failovers");
        for (Failover f : r.failovers()) failovers.add(failover(f));
        ArrayNode expectations = root.putArray("expectations");
        for (ExpectationResult e : r.expectations()) {
            ObjectNode n = expectations.addObject();
            n.put("name", e.name());
            n.put("description", e.description());
            n.put("measured", e.measured());
            n.put("limit", e.limit());
            n.put("passed", e.passed());
        }
        ObjectNode topology = root.putObject("topology");
        ArrayNode nodes = topology.putArray("nodes");
        for (Topology.Node n : r.topology().nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("kind", n.kind());
            o.put("site", n.site());
        }
        ArrayNode links = topology.putArray("links");
        for (Topology.Link l : r.topology().links()) {
            ObjectNode o = links.addObject();
            o.put("name", l.name());
            o.put("a", l.a());
            o.put("b", l.b());
        }
        return root;
    }

    private static ObjectNode flow(FlowReport f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", f.name());
        n.put("from", f.from());
        n.put("from_site", f.fromSite());
        n.put("to", f.to());
        n.put("sent", f.sent());
        n.put("received", f.received());
        n.put("lost", f.lost());
        n.put("pending", f.pending());
        n.put("loss_percent", f.lossFraction() * 100);
        n.put("interval_ms", ms(f.intervalNs()));
        ObjectNode rtt = n.putObject("rtt");
        rtt.put("count", f.rtt().count());
        num(rtt, "min_ms", f.rtt().minMs());
        num(rtt, "mean_ms", f.rtt().meanMs());
        num(rtt, "p50_ms", f.rtt().p50Ms());
        num(rtt, "p90_ms", f.rtt().p90Ms());
        num(rtt, "p99_ms", f.rtt().p99Ms());
        num(rtt, "max_ms", f.rtt().maxMs());
        n.put("longest_outage_ms", ms(f.longestOutageNs()));
        ArrayNode outages = n.putArray("outages");
        for (Outage o : f.outages()) {
            ObjectNode on = outages.addObject();
            on.put("start", sec(o.startNs()));
            instant(on, "end", o.endNs());
            on.put("duration_ms", ms(o.durationNs()));
            on.put("probes_lost", o.probesLost());
            on.put("first_lost_seq", o.firstLostSequence());
            on.put("recovered", o.recovered());
        }
        ArrayNode gateways = n.putArray("gateways");
        for (GatewaySpan g : f.gateways()) {
            ObjectNode gn = gateways.addObject();
            gn.put("start", sec(g.startNs()));
            gn.put("end", sec(g.endNs()));
            gn.put("mac", g.mac());
            gn.put("owner", g.owner());
            gn.put("device", g.device());
            gn.put("site", g.site());
            gn.put("probes", g.probes());
        }
        Tromboning t = f.tromboning();
        ObjectNode tn = n.putObject("tromboning");
        num(tn, "baseline_ms", t.baselineMs());
        num(tn, "extra_rtt_p50_ms", t.extraRttP50Ms());
        num(tn, "extra_rtt_p99_ms", t.extraRttP99Ms());
        num(tn, "extra_rtt_max_ms", t.extraRttMaxMs());
        if (t.wanCrossings() == null) tn.putNull("wan_crossings");
        else tn.put("wan_crossings", t.wanCrossings());
        num(tn, "wan_crossings_per_round_trip", t.wanCrossingsPerRoundTrip());
        ObjectNode timeline = n.putObject("timeline");
        timeline.put("bucket_ms", f.timeline().isEmpty() ? null : ms(f.timeline().get(0).widthNs()));
        ArrayNode rows = timeline.putArray("buckets");
        for (TimelineBucket b : f.timeline()) {
            ArrayNode row = rows.addArray();
            row.add(sec(b.startNs()));
            row.add(b.sent());
            row.add(b.answered());
            row.add(b.lost());
            add(row, b.minMs());
            add(row, b.meanMs());
            add(row, b.maxMs());
        }
        ArrayNode hist = n.putArray("rtt_histogram");
        for (RttBucket b : f.rttHistogram()) {
            ArrayNode row = hist.addArray();
            row.add(b.fromMs());
            row.add(b.toMs());
            row.add(b.count());
        }
        return n;
    }

    private static ObjectNode group(GroupReport g, long endNs) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", g.name());
        n.put("protocol", g.protocol());
        n.put("group_id", g.groupId());
        n.put("segment", g.segment());
        ArrayNode members = n.putArray("members");
        for (GroupMember m : g.members()) {
            ObjectNode mn = members.addObject();
            mn.put("device", m.device());
            mn.put("interface", m.interfaceName());
            mn.put("site", m.site());
            mn.put("state", m.state());
            ObjectNode c = mn.putObject("counters");
            m.counters().forEach(c::put);
        }
        ArrayNode transitions = n.putArray("transitions");
        for (Transition t : g.transitions()) {
            ObjectNode tn = transitions.addObject();
            tn.put("t", sec(t.atNs()));
            tn.put("device", t.device());
            tn.put("instance", t.instance());
            tn.put("from", t.from());
            tn.put("to", t.to());
            tn.put("cause", t.cause());
        }
        ArrayNode dual = n.putArray("dual_masters");
        for (DualMaster d : g.dualMasters()) {
            ObjectNode dn = dual.addObject();
            dn.put("start", sec(d.startNs()));
            instant(dn, "end", d.endNs());
            dn.put("duration_ms", ms(d.durationNs(endNs)));
            ArrayNode devices = dn.putArray("devices");
            d.devices().forEach(devices::add);
        }
        n.put("longest_dual_master_ms", ms(g.longestDualMasterNs(endNs)));
        return n;
    }

    private static ObjectNode failover(Failover f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("number", f.number());
        n.put("t", sec(f.atNs()));
        n.put("kind", f.kind());
        n.put("target", f.target());
        n.put("what", f.what());
        if (f.takeoverNs() < 0) n.putNull("takeover_ms");
        else n.put("takeover_ms", ms(f.takeoverNs()));
        n.put("longest_outage_ms", ms(f.longestOutageNs()));
        ArrayNode chain = n.putArray("chain");
        for (ChainStep s : f.chain()) {
            ObjectNode sn = chain.addObject();
            sn.put("t", sec(s.atNs()));
            sn.put("step", s.step());
            sn.put("device", s.device());
            sn.put("detail", s.detail());
            sn.put("lost_in_phase", s.lostInPhase());
        }
        ArrayNode takeovers = n.putArray("takeovers");
        for (Takeover t : f.takeovers()) {
            ObjectNode tn = takeovers.addObject();
            tn.put("group", t.group());
            tn.put("old_master", t.oldMaster());
            tn.put("new_master", t.newMaster());
            tn.put("cause", t.cause());
            instant(tn, "last_advert_at", t.lastAdvertNs());
            tn.put("last_advert_from", t.lastAdvertFrom());
            instant(tn, "master_down_at", t.masterDownNs());
            tn.put("new_master_at", sec(t.newMasterNs()));
            instant(tn, "gratuitous_arp_at", t.gratuitousArpNs());
            tn.put("takeover_ms", ms(t.takeoverNs()));
        }
        ArrayNode flows = n.putArray("flows");
        for (FlowRecovery r : f.flows()) {
            ObjectNode rn = flows.addObject();
            rn.put("flow", r.flow());
            rn.put("first_lost_sent_at", sec(r.firstLostSentNs()));
            instant(rn, "recovered_sent_at", r.recoveredSentNs());
            instant(rn, "recovered_at", r.recoveredAtNs());
            rn.put("probes_lost", r.probesLost());
            rn.put("outage_ms", ms(r.outageNs()));
            rn.put("gateway_before", r.gatewayBefore());
            rn.put("gateway_after", r.gatewayAfter());
            ArrayNode phases = rn.putArray("phases");
            for (PhaseLoss p : r.phases()) {
                ObjectNode pn = phases.addObject();
                pn.put("from", p.from());
                pn.put("to", p.to());
                pn.put("start", sec(p.fromNs()));
                instant(pn, "end", p.toNs());
                pn.put("lost", p.lost());
            }
        }
        return n;
    }

    private static BigDecimal sec(long ns) {
        return new BigDecimal(Units.seconds(ns));
    }

    private static BigDecimal ms(long ns) {
        return new BigDecimal(Units.ms(ns));
    }

    /** An instant, or null for "none" (-1 or null). */
    private static void instant(ObjectNode n, String key, Long ns) {
        if (ns == null || ns < 0) n.putNull(key);
        else n.put(key, sec(ns));
    }

    private static void num(ObjectNode n, String key, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) n.putNull(key);
        else n.put(key, v);
    }

    private static void add(ArrayNode a, double v) {
        if (Double.isNaN(v)) a.addNull();
        else a.add(v);
    }

    // ---- reading ------------------------------------------------------------------------------

    static RunReport fromTree(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) throw new IOException("report.json: not a JSON object");
        String format = root.path("format").asText("");
        if (!format.startsWith("firsthop-report/")) throw new IOException("report.json: format '" + format + "' is not firsthop-report/N");
        JsonNode sc = root.path("scenario");
        RunInfo run = new RunInfo(sc.path("name").asText(""), text(sc, "variant"), root.path("engine").asText(""),
                root.path("seed").asLong(), sc.path("description").asText(""));
        long duration = ns(root.path("duration"));
        List<FlowReport> flows = new ArrayList<>();
        for (JsonNode f : root.path("flows")) flows.add(readFlow(f));
        List<GroupReport> groups = new ArrayList<>();
        for (JsonNode g : root.path("groups")) groups.add(readGroup(g));
        List<Failover> failovers = new ArrayList<>();
        for (JsonNode f : root.path("failovers")) failovers.add(readFailover(f));
        List<ExpectationResult> expectations = new ArrayList<>();
        for (JsonNode e : root.path("expectations")) {
            expectations.add(new ExpectationResult(e.path("name").asText(), text(e, "description"), text(e, "measured"),
                    text(e, "limit"), e.path("passed").asBoolean()));
        }
        List<Topology.Node> nodes = new ArrayList<>();
        for (JsonNode n : root.path("topology").path("nodes")) {
            nodes.add(new Topology.Node(n.path("name").asText(), text(n, "kind"), text(n, "site")));
        }
        List<Topology.Link> links = new ArrayList<>();
        for (JsonNode l : root.path("topology").path("links")) {
            links.add(new Topology.Link(text(l, "name"), l.path("a").asText(), l.path("b").asText()));
        }
        JsonNode stop = root.path("interrupted");
        Interruption interrupted = stop.isObject() ? new Interruption(ns(stop.path("at")), stop.path("reason").asText("")) : null;
        return new RunReport(run, duration, root.path("complete").asBoolean(), interrupted, root.path("frames_analysed").asBoolean(),
                root.path("trace_events").asLong(), flows, groups, failovers, expectations, new Topology(nodes, links));
    }

    private static FlowReport readFlow(JsonNode f) {
        JsonNode r = f.path("rtt");
        RttStats rtt = new RttStats(r.path("count").asLong(), dbl(r, "min_ms"), dbl(r, "mean_ms"), dbl(r, "p50_ms"),
                dbl(r, "p90_ms"), dbl(r, "p99_ms"), dbl(r, "max_ms"));
        List<Outage> outages = new ArrayList<>();
        for (JsonNode o : f.path("outages")) {
            outages.add(new Outage(ns(o.path("start")), nsOrMinus(o.path("end")), msNs(o.path("duration_ms")),
                    o.path("probes_lost").asLong(), o.path("first_lost_seq").asLong(), o.path("recovered").asBoolean()));
        }
        List<GatewaySpan> gateways = new ArrayList<>();
        for (JsonNode g : f.path("gateways")) {
            gateways.add(new GatewaySpan(ns(g.path("start")), ns(g.path("end")), text(g, "mac"), text(g, "owner"),
                    text(g, "device"), text(g, "site"), g.path("probes").asLong()));
        }
        JsonNode t = f.path("tromboning");
        Tromboning trombone = new Tromboning(dblOrNull(t, "baseline_ms"), dblOrNull(t, "extra_rtt_p50_ms"),
                dblOrNull(t, "extra_rtt_p99_ms"), dblOrNull(t, "extra_rtt_max_ms"),
                t.path("wan_crossings").isNumber() ? t.path("wan_crossings").asLong() : null,
                dblOrNull(t, "wan_crossings_per_round_trip"));
        List<TimelineBucket> timeline = new ArrayList<>();
        JsonNode tl = f.path("timeline");
        long width = tl.path("bucket_ms").isNumber() ? msNs(tl.path("bucket_ms")) : 0;
        for (JsonNode row : tl.path("buckets")) {
            timeline.add(new TimelineBucket(ns(row.get(0)), width, row.get(1).asInt(), row.get(2).asInt(), row.get(3).asInt(),
                    dbl(row.get(4)), dbl(row.get(5)), dbl(row.get(6))));
        }
        List<RttBucket> hist = new ArrayList<>();
        for (JsonNode row : f.path("rtt_histogram")) {
            hist.add(new RttBucket(row.get(0).asDouble(), row.get(1).asDouble(), row.get(2).asLong()));
        }
        return new FlowReport(f.path("name").asText(), text(f, "from"), text(f, "from_site"), text(f, "to"),
                f.path("sent").asLong(), f.path("received").asLong(), f.path("lost").asLong(), f.path("pending").asLong(),
                msNs(f.path("interval_ms")), rtt, outages, gateways, trombone, timeline, hist);
    }

    private static GroupReport readGroup(JsonNode g) {
        List<GroupMember> members = new ArrayList<>();
        for (JsonNode m : g.path("members")) {
            Map<String, Long> counters = new LinkedHashMap<>();
            m.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
            members.add(new GroupMember(m.path("device").asText(), text(m, "interface"), text(m, "site"), text(m, "state"), counters));
        }
        List<Transition> transitions = new ArrayList<>();
        for (JsonNode t : g.path("transitions")) {
            transitions.add(new Transition(ns(t.path("t")), t.path("device").asText(), text(t, "instance"), text(t, "from"),
                    text(t, "to"), text(t, "cause")));
        }
        List<DualMaster> dual = new ArrayList<>();
        for (JsonNode d : g.path("dual_masters")) {
            List<String> devices = new ArrayList<>();
            d.path("devices").forEach(x -> devices.add(x.asText()));
            dual.add(new DualMaster(ns(d.path("start")), nsOrMinus(d.path("end")), devices));
        }
        return new GroupReport(g.path("name").asText(), text(g, "protocol"), text(g, "group_id"), text(g, "segment"),
                members, transitions, dual);
    }

    private static Failover readFailover(JsonNode f) {
        List<ChainStep> chain = new ArrayList<>();
        for (JsonNode s : f.path("chain")) {
            chain.add(new ChainStep(ns(s.path("t")), s.path("step").asText(), text(s, "device"), text(s, "detail"),
                    s.path("lost_in_phase").asLong()));
        }
        List<Takeover> takeovers = new ArrayList<>();
        for (JsonNode t : f.path("takeovers")) {
            takeovers.add(new Takeover(t.path("group").asText(), text(t, "old_master"), text(t, "new_master"), text(t, "cause"),
                    nsOrNull(t.path("last_advert_at")), text(t, "last_advert_from"), nsOrNull(t.path("master_down_at")),
                    ns(t.path("new_master_at")), nsOrNull(t.path("gratuitous_arp_at")), msNs(t.path("takeover_ms"))));
        }
        List<FlowRecovery> flows = new ArrayList<>();
        for (JsonNode r : f.path("flows")) {
            List<PhaseLoss> phases = new ArrayList<>();
            for (JsonNode p : r.path("phases")) {
                phases.add(new PhaseLoss(p.path("from").asText(), p.path("to").asText(), ns(p.path("start")),
                        nsOrMinus(p.path("end")), p.path("lost").asLong()));
            }
            flows.add(new FlowRecovery(r.path("flow").asText(), ns(r.path("first_lost_sent_at")),
                    nsOrMinus(r.path("recovered_sent_at")), nsOrMinus(r.path("recovered_at")), r.path("probes_lost").asLong(),
                    msNs(r.path("outage_ms")), text(r, "gateway_before"), text(r, "gateway_after"), phases));
        }
        return new Failover(f.path("number").asInt(), ns(f.path("t")), text(f, "kind"), text(f, "target"), text(f, "what"),
                chain, takeovers, flows);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long ns(JsonNode seconds) {
        return seconds == null || !seconds.isNumber() ? 0 : Units.secondsToNs(seconds.decimalValue());
    }

    private static long nsOrMinus(JsonNode seconds) {
        return seconds == null || !seconds.isNumber() ? -1 : Units.secondsToNs(seconds.decimalValue());
    }

    private static Long nsOrNull(JsonNode seconds) {
        return seconds == null || !seconds.isNumber() ? null : Units.secondsToNs(seconds.decimalValue());
    }

    private static long msNs(JsonNode ms) {
        return ms == null || !ms.isNumber() ? 0 : Units.msToNs(ms.decimalValue());
    }

    private static double dbl(JsonNode n, String key) {
        return dbl(n.get(key));
    }

    private static double dbl(JsonNode v) {
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static Double dblOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
