package io.firsthop.core.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.devtest.Bench;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MacAgeingPropertyTest {
    static final long AGING = 1_000;

    record Step(long dt, int port, int host) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.longs().between(0, 700), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4))
                .as(Step::new);
        return step.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    @Label("802.1D: after every event a MAC is in the table, on the port it was last seen on, iff it was seen less than the ageing time ago")
    void tableMatchesModel(@ForAll("steps") List<Step> steps) {
        EthernetSwitch sw = new EthernetSwitch(SwitchConfig.of("sw", SwitchPort.access("p0", 1), SwitchPort.access("p1", 1),
                SwitchPort.access("p2", 1)).withAging(AGING));
        Bench b = new Bench(sw).powerOn();
        Map<MacAddress, long[]> model = new HashMap<>(); // mac -> {lastSeen, port}
        for (Step s : steps) {
            b.advanceBy(s.dt());
            check(sw, model, b.now());
            MacAddress mac = new MacAddress(0x0200_0000_0000L + s.host());
            b.frame(s.port(), EthernetFrame.untagged(MacAddress.BROADCAST, mac, new RawEthernetPayload(0x88B5, Bytes.EMPTY)));
            model.put(mac, new long[] {b.now(), s.port()});
            check(sw, model, b.now());
        }
        b.advanceBy(AGING);
        check(sw, model, b.now());
    }

    private static void check(EthernetSwitch sw, Map<MacAddress, long[]> model, long now) {
        for (Map.Entry<MacAddress, long[]> e : model.entrySet()) {
            boolean alive = now - e.getValue()[0] < AGING;
            assertEquals(alive ? (int) e.getValue()[1] : -1, sw.lookup(1, e.getKey()), e.getKey() + " at " + now);
        }
    }
}
