package io.firsthop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;

/** Whatever the loss pattern and however late losses are declared, the report's figures are the trace's. */
class OutagePropertiesTest {
    private static final long MS = 1_000_000L;
    private static final MacAddress VIA = MacAddress.parse("02:00:00:00:00:01");

    @Property(tries = 200)
    @Label("outage windows are exactly the runs of lost probes, each [first lost sent, next answered sent)")
    void outagesAreRunsOfLostProbes(@ForAll @Size(min = 1, max = 400) List<Boolean> answered,
                                    @ForAll @IntRange(min = 1, max = 50) int intervalMs,
                                    @ForAll @IntRange(min = 1, max = 3000) int timeoutMs,
                                    @ForAll @IntRange(min = 0, max = 999) int rttUs) {
        long interval = intervalMs * MS;
        long rtt = Math.min(rttUs * 1_000L, timeoutMs * MS - 1);
        SyntheticTrace trace = new SyntheticTrace();
        for (int seq = 0; seq < answered.size(); seq++) {
            long t = seq * interval;
            trace.add(new TraceEvent.ProbeSent(t, "h", "f", seq, SyntheticTrace.DEST));
            if (answered.get(seq)) trace.add(new TraceEvent.ProbeAnswered(t + rtt, "h", "f", seq, rtt, VIA));
            else trace.add(new TraceEvent.ProbeLost(t + timeoutMs * MS, "h", "f", seq, t));
        }
        RunRecorder rec = RunRecorder.inMemory(ReportContext.of(RunInfo.of("p", "virtual", 1)));
        FlowReport f = trace.feed(rec).flow("f");

        List<long[]> expected = new ArrayList<>(); // {start, end or -1, lost}
        for (int seq = 0; seq < answered.size(); seq++) {
            if (answered.get(seq)) continue;
            int first = seq;
            while (seq < answered.size() && !answered.get(seq)) seq++;
            expected.add(new long[] {first * interval, seq < answered.size() ? seq * interval : -1, seq - first});
        }
        assertEquals(expected.size(), f.outages().size());
        long lost = 0;
        for (int i = 0; i < expected.size(); i++) {
            Outage o = f.outages().get(i);
            assertEquals(expected.get(i)[0], o.startNs());
            assertEquals(expected.get(i)[1], o.endNs());
            assertEquals(expected.get(i)[2], o.probesLost());
            assertEquals(o.endNs() >= 0, o.recovered());
            if (o.recovered()) assertEquals(o.probesLost() * interval, o.durationNs());
            lost += o.probesLost();
        }
        assertEquals(lost, f.lost());
        assertEquals(answered.size(), f.sent());
        assertEquals(answered.size() - lost, f.received());
        assertEquals(0, f.pending());
    }

    @Property(tries = 50)
    @Label("percentiles are HdrHistogram's, and the timeline keeps every probe however long the run")
    void percentilesAndTimeline(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 1, max = 5_000_000) Integer> rttsNs,
                                @ForAll @IntRange(min = 1, max = 20_000) int intervalMs) {
        SyntheticTrace trace = new SyntheticTrace();
        Histogram h = new Histogram(3);
        for (int seq = 0; seq < rttsNs.size(); seq++) {
            long t = seq * intervalMs * MS;
            trace.add(new TraceEvent.ProbeSent(t, "h", "f", seq, SyntheticTrace.DEST));
            trace.add(new TraceEvent.ProbeAnswered(t + rttsNs.get(seq), "h", "f", seq, rttsNs.get(seq), VIA));
            h.recordValue(rttsNs.get(seq));
        }
        FlowReport f = trace.feed(RunRecorder.inMemory(ReportContext.of(RunInfo.of("p", "virtual", 1)))).flow("f");
        assertEquals(h.getValueAtPercentile(50) / 1e6, f.rtt().p50Ms());
        assertEquals(h.getValueAtPercentile(90) / 1e6, f.rtt().p90Ms());
        assertEquals(h.getValueAtPercentile(99) / 1e6, f.rtt().p99Ms());
        assertEquals(h.getMaxValue() / 1e6, f.rtt().maxMs());
        assertTrue(f.timeline().size() <= Timeline.MAX_BUCKETS);
        assertEquals(rttsNs.size(), f.timeline().stream().mapToInt(TimelineBucket::answered).sum());
        assertEquals(rttsNs.size(), f.rttHistogram().stream().mapToLong(RttBucket::count).sum());
        double max = f.timeline().stream().mapToDouble(TimelineBucket::maxMs).max().orElseThrow();
        assertEquals(rttsNs.stream().mapToInt(Integer::intValue).max().orElseThrow() / 1e6, max, 1e-12);
    }
}
