package io.firsthop.cluster.bench;

import com.typesafe.config.ConfigFactory;
import io.firsthop.cluster.Downlink;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.serial.KryoCodec;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Size on the wire and encode+decode time of the messages that cross sites most often.
 *
 * <p>Run: {@code java -cp <cluster classpath> io.firsthop.cluster.bench.CodecBenchmark}
 */
public final class CodecBenchmark {
    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "codec-bench",
                ConfigFactory.parseString("pekko.actor.provider = local").withFallback(Site.defaultConfig()));
        try {
            ActorRefResolver refs = ActorRefResolver.get(system);
            KryoCodec codec = new KryoCodec(List.of(), refs::toSerializationFormat, refs::resolveActorRef);
            MacAddress a = MacAddress.parse("02:00:00:00:00:01");
            MacAddress b = MacAddress.parse("02:00:00:00:00:02");
            Ipv4Address ipA = Ipv4Address.parse("10.1.0.10");
            Ipv4Address ipB = Ipv4Address.parse("10.2.0.10");
            // 14 (Ethernet) + 20 (IPv4) + 8 (ICMP) + 22 data = a 64-byte frame without FCS
            EthernetFrame ping = EthernetFrame.untagged(b, a, Ipv4Packet.of(64, ipA, ipB, IcmpEcho.request(1, 1, Bytes.zeros(22))));
            EthernetFrame advert = EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST),
                    VrrpAdvertisement.virtualMac(51), Ipv4Packet.of(255, ipA, Ipv4Address.VRRP_MULTICAST,
                            VrrpAdvertisement.v3(51, 110, 100, List.of(Ipv4Address.parse("10.1.0.1")))));
            measure(codec, "64 B ICMP frame in a cross-site envelope", new Downlink.Frame(123_456, 7, 5_000_123_456L, 0, ping));
            measure(codec, "VRRPv3 advert in a cross-site envelope", new Downlink.Frame(123_457, 7, 5_000_123_456L, 0, advert));
            measure(codec, "FrameSent trace event (64 B frame)", new TraceEvent.FrameSent(5_000_123_456L, "r1", "ge0", ping));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void measure(KryoCodec codec, String what, Object message) {
        int size = codec.encode(message).length;
        for (int i = 0; i < 300_000; i++) codec.decode(codec.encode(message));
        int n = 1_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (codec.decode(codec.encode(message)) == null) throw new AssertionError();
        }
        double nsPerRoundTrip = (System.nanoTime() - start) / (double) n;
        System.out.printf("%-45s %4d bytes, encode+decode %.2f us%n", what, size, nsPerRoundTrip / 1e3);
    }
}
