package io.firsthop.cluster.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.firsthop.cluster.ClockProbe;
import io.firsthop.cluster.Failure;
import io.firsthop.cluster.SiteControl;
import io.firsthop.cluster.DeviceActor;
import io.firsthop.cluster.Downlink;
import io.firsthop.cluster.Ingress;
import io.firsthop.cluster.SiteTrace;
import io.firsthop.cluster.Uplink;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.glbp.GlbpCommand;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.hsrp.SetHsrpPriority;
import io.firsthop.core.hypervisor.CompositeCommand;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.vrrp.VrrpCommand;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.VrrpAdvertisement;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The explicit list of every class that crosses JVMs, and the Kryo id each travels as.
 * The id is the position in this list (from {@link #FIRST_ID}), so every site of a run must
 * run the same list: append, never reorder or remove. Classes added by later modules (an
 * HSRP payload, a new command) go in {@code firsthop.kryo.extra-registrations}, which is
 * appended after the built-in list; they must be records or enums.
 */
public final class KryoRegistrations {
    /** Ids below are Kryo's own (primitives, String). */
    public static final int FIRST_ID = 20;

    private static final List<Class<?>> BUILT_IN = List.of(
            // wire values and packets
            MacAddress.class, Ipv4Address.class, Ipv4Prefix.class, InterfaceAddress.class, Bytes.class, VlanTag.class,
            EthernetFrame.class, ArpPacket.class, Ipv4Packet.class, IcmpEcho.class, IcmpError.class, UdpDatagram.class,
            RawUdpPayload.class, VrrpAdvertisement.class, RawEthernetPayload.class, RawIpPayload.class,
            List.of().getClass(), List.of(1).getClass(),
            // trace events
            DropReason.class,
            TraceEvent.FrameSent.class, TraceEvent.FrameReceived.class, TraceEvent.FrameDropped.class,
            TraceEvent.ArpLearned.class, TraceEvent.ArpExpired.class, TraceEvent.ArpFailed.class,
            TraceEvent.MacLearned.class, TraceEvent.MacMoved.class, TraceEvent.MacRemoved.class,
            TraceEvent.StateChanged.class, TraceEvent.DeviceEvent.class, TraceEvent.LinkEvent.class,
            TraceEvent.ProbeSent.class, TraceEvent.ProbeAnswered.class, TraceEvent.ProbeLost.class,
            TraceEvent.Note.class,
            // device inputs a controller on another site may inject
            DeviceInput.PowerOn.class, DeviceInput.FrameArrived.class, DeviceInput.TimerFired.class,
            DeviceInput.CarrierChanged.class, DeviceInput.AdminPortState.class, DeviceInput.Crash.class,
            DeviceInput.Shutdown.class, DeviceInput.Command.class,
            // the cluster runtime's own messages
            ActorRef.class, SiteTrace.class, DeviceActor.Inject.class, Ingress.Hello.class, Uplink.Welcome.class,
            Uplink.Ack.class, Uplink.Lost.class, Downlink.Frame.class, Ingress.ClockPing.class,
            ClockProbe.ClockPong.class,
            // HSRP and GLBP payloads (frames of those groups cross sites like any other)
            HsrpOpCode.class, HsrpState.class, HsrpV1Message.class, HsrpV2Message.class,
            HsrpV2Tlv.GroupState.class, HsrpV2Tlv.InterfaceState.class, HsrpV2Tlv.TextAuth.class,
            HsrpV2Tlv.Md5Auth.class, HsrpV2Tlv.Unknown.class,
            GlbpState.class, GlbpMessage.class, GlbpTlv.Hello.class, GlbpTlv.RequestResponse.class,
            GlbpTlv.Auth.class, GlbpTlv.Unknown.class,
            // carrier between the ends of a cross-site link
            Downlink.Carrier.class,
            // failure injection and run control (io.firsthop.cluster.ClusterControl, SiteControl)
            LinkConfig.class, SetGateway.class, VrrpCommand.SetPriority.class,
            SiteControl.Apply.class, SiteControl.BeginRun.class,
            Failure.Crash.class, Failure.Shutdown.class, Failure.Restart.class, Failure.InterfaceDown.class,
            Failure.InterfaceUp.class, Failure.CutLink.class, Failure.RestoreLink.class, Failure.ImpairLink.class,
            Failure.ImpairWan.class, Failure.Partition.class, Failure.Heal.class, Failure.KillSite.class,
            Failure.Command.class,
            // the other device commands a timeline may send to a device of another site
            SetHsrpPriority.class, GlbpCommand.SetWeighting.class, GlbpCommand.SetPriority.class,
            CompositeCommand.ToCore.class, CompositeCommand.CrashCore.class, CompositeCommand.RestartCore.class,
            // a restarted site asks a running one for the run it rejoins
            SiteControl.RunQuery.class);

    private KryoRegistrations() {
    }

    /** The built-in list, in id order. */
    public static List<Class<?>> builtIn() {
        return BUILT_IN;
    }

    /**
     * Registers the built-in list and then {@code extra} on {@code kryo} (whose class
     * resolver must be a {@link StrictClassResolver}).
     *
     * @param toPath   how a typed ActorRef is written (its serialization-format path)
     * @param fromPath how a path read back becomes an ActorRef
     */
    static void registerAll(Kryo kryo, StrictClassResolver resolver, List<Class<?>> extra,
                            Function<ActorRef<?>, String> toPath, Function<String, ActorRef<?>> fromPath) {
        kryo.register(String.class, new WireSerializers.BoundedStringSerializer());
        int id = FIRST_ID;
        List<Class<?>> all = new ArrayList<>(BUILT_IN);
        all.addAll(extra);
        for (Class<?> type : all) {
            Registration r = kryo.register(type, serializerFor(type, toPath, fromPath), id++);
            if (type == ActorRef.class) resolver.mapActorRefsTo(r);
        }
    }

    /** Resolves the class names of {@code firsthop.kryo.extra-registrations}; each must be a record or an enum. */
    public static List<Class<?>> resolveExtra(List<String> classNames, ClassLoader loader) {
        if (classNames.isEmpty()) return Collections.emptyList();
        List<Class<?>> classes = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("firsthop.kryo.extra-registrations: no class " + name, e);
            }
            if (!type.isRecord() && !type.isEnum()) {
                throw new IllegalArgumentException("firsthop.kryo.extra-registrations: " + name
                        + " is neither a record nor an enum; give it a serializer in KryoRegistrations instead");
            }
            if (BUILT_IN.contains(type) || classes.contains(type)) {
                throw new IllegalArgumentException("firsthop.kryo.extra-registrations: " + name + " is listed twice");
            }
            classes.add(type);
        }
        return classes;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Serializer<?> serializerFor(Class<?> type, Function<ActorRef<?>, String> toPath,
                                               Function<String, ActorRef<?>> fromPath) {
        if (type == MacAddress.class) return new WireSerializers.MacSerializer();
        if (type == Ipv4Address.class) return new WireSerializers.Ipv4Serializer();
        if (type == Bytes.class) return new WireSerializers.BytesSerializer();
        if (type == VlanTag.class) return new WireSerializers.VlanSerializer();
        if (type == EthernetFrame.class) return new WireSerializers.EthernetFrameSerializer();
        if (type == Ipv4Packet.class) return new WireSerializers.Ipv4PacketSerializer();
        if (List.class.isAssignableFrom(type)) return new WireSerializers.ImmutableListSerializer();
        if (type == ActorRef.class) return new WireSerializers.ActorRefSerializer(toPath, fromPath);
        if (type.isEnum()) return new DefaultSerializers.EnumSerializer((Class<? extends Enum>) type);
        if (type.isRecord()) return new RecordSerializer(type);
        throw new IllegalStateException("no serializer for " + type.getName());
    }
}
