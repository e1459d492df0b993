package io.firsthop.cluster.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.EthernetPayload;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import org.apache.pekko.actor.typed.ActorRef;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Hand-written Kryo serializers for the values on every frame's path (Kryo's generic
 * RecordSerializer reflects and boxes per field), and bounded readers for the variable
 * lengths, so malformed input cannot make the reader allocate more than it received.
 */
final class WireSerializers {
    private WireSerializers() {
    }

    /** Checks a length read from the wire against the bytes actually left. */
    static int boundedLength(Input input, int length, int bytesPerUnit) {
        int left = input.limit() - input.position();
        if (length < 0 || (long) length * bytesPerUnit > left) {
            throw new KryoException("length " + length + " exceeds the " + left + " bytes left");
        }
        return length;
    }

    static final class MacSerializer extends Serializer<MacAddress> {
        MacSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, MacAddress mac) {
            long v = mac.value();
            output.writeShort((int) (v >>> 32));
            output.writeInt((int) v);
        }

        @Override
        public MacAddress read(Kryo kryo, Input input, Class<? extends MacAddress> type) {
            long hi = input.readShort() & 0xFFFFL;
            long lo = input.readInt() & 0xFFFF_FFFFL;
            return new MacAddress((hi << 32) | lo);
        }
    }

    static final class Ipv4Serializer extends Serializer<Ipv4Address> {
        Ipv4Serializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Ipv4Address ip) {
            output.writeInt(ip.value());
        }

        @Override
        public Ipv4Address read(Kryo kryo, Input input, Class<? extends Ipv4Address> type) {
            return new Ipv4Address(input.readInt());
        }
    }

    static final class BytesSerializer extends Serializer<Bytes> {
        BytesSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Bytes bytes) {
            int n = bytes.length();
            output.writeVarInt(n, true);
            for (int i = 0; i < n; i++) {
                output.writeByte(bytes.get(i));
            }
        }

        @Override
        public Bytes read(Kryo kryo, Input input, Class<? extends Bytes> type) {
            int n = boundedLength(input, input.readVarInt(true), 1);
            return n == 0 ? Bytes.EMPTY : Bytes.of(input.readBytes(n));
        }
    }

    /** UTF-8 with a byte-length prefix, checked before anything is allocated. */
    static final class BoundedStringSerializer extends Serializer<String> {
        BoundedStringSerializer() {
            setImmutable(true);
            setAcceptsNull(true);
        }

        @Override
        public void write(Kryo kryo, Output output, String s) {
            if (s == null) {
                output.writeVarInt(0, true);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            output.writeVarInt(utf8.length + 1, true);
            output.writeBytes(utf8);
        }

        @Override
        public String read(Kryo kryo, Input input, Class<? extends String> type) {
            int n = input.readVarInt(true);
            if (n == 0) return null;
            int length = boundedLength(input, n - 1, 1);
            return new String(input.readBytes(length), StandardCharsets.UTF_8);
        }
    }

    static final class VlanSerializer extends Serializer<VlanTag> {
        VlanSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, VlanTag tag) {
            output.writeShort((tag.priority() << 13) | (tag.dropEligible() ? 1 << 12 : 0) | tag.vlanId());
        }

        @Override
        public VlanTag read(Kryo kryo, Input input, Class<? extends VlanTag> type) {
            int tci = input.readShort() & 0xFFFF;
            return new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0x0FFF);
        }
    }

    static final class EthernetFrameSerializer extends Serializer<EthernetFrame> {
        private final MacSerializer macs = new MacSerializer();

        EthernetFrameSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, EthernetFrame frame) {
            macs.write(kryo, output, frame.destination());
            macs.write(kryo, output, frame.source());
            kryo.writeObjectOrNull(output, frame.vlan(), VlanTag.class);
            kryo.writeClassAndObject(output, frame.payload());
        }

        @Override
        public EthernetFrame read(Kryo kryo, Input input, Class<? extends EthernetFrame> type) {
            MacAddress dst = macs.read(kryo, input, MacAddress.class);
            MacAddress src = macs.read(kryo, input, MacAddress.class);
            VlanTag vlan = kryo.readObjectOrNull(input, VlanTag.class);
            Object payload = kryo.readClassAndObject(input);
            if (!(payload instanceof EthernetPayload p)) {
                throw new KryoException("an Ethernet frame carries " + describe(payload) + ", not an Ethernet payload");
            }
            return new EthernetFrame(dst, src, vlan, p);
        }
    }

    static final class Ipv4PacketSerializer extends Serializer<Ipv4Packet> {
        private final Ipv4Serializer ips = new Ipv4Serializer();
        private final BytesSerializer bytes = new BytesSerializer();

        Ipv4PacketSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Ipv4Packet p) {
            output.writeByte(p.dscp() << 2 | p.ecn());
            output.writeShort(p.identification());
            output.writeBoolean(p.dontFragment());
            output.writeByte(p.ttl());
            ips.write(kryo, output, p.source());
            ips.write(kryo, output, p.destination());
            bytes.write(kryo, output, p.options());
            kryo.writeClassAndObject(output, p.payload());
        }

        @Override
        public Ipv4Packet read(Kryo kryo, Input input, Class<? extends Ipv4Packet> type) {
            int tos = input.readByteUnsigned();
            int identification = input.readShortUnsigned();
            boolean df = input.readBoolean();
            int ttl = input.readByteUnsigned();
            Ipv4Address src = ips.read(kryo, input, Ipv4Address.class);
            Ipv4Address dst = ips.read(kryo, input, Ipv4Address.class);
            Bytes options = bytes.read(kryo, input, Bytes.class);
            Object payload = kryo.readClassAndObject(input);
            if (!(payload instanceof Ipv4Payload p)) {
                throw new KryoException("an IPv4 packet carries " + describe(payload) + ", not an IPv4 payload");
            }
            return new Ipv4Packet(tos >>> 2, tos & 3, identification, df, ttl, src, dst, options, p);
        }
    }

    /**
     * The JDK's immutable lists ({@code List.of}, {@code List.copyOf}), whose classes are
     * internal and have no constructor Kryo could call. Read back with {@code List.of}.
     */
    static final class ImmutableListSerializer extends Serializer<List<?>> {
        ImmutableListSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, List<?> list) {
            output.writeVarInt(list.size(), true);
            for (Object element : list) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
            // Every element takes at least one byte, which bounds the array before it exists.
            int n = boundedLength(input, input.readVarInt(true), 1);
            Object[] elements = new Object[n];
            for (int i = 0; i < n; i++) {
                elements[i] = kryo.readClassAndObject(input);
            }
            return List.of(elements);
        }
    }

    /** Typed actor refs, whatever their class, as their serialization-format path. */
    static final class ActorRefSerializer extends Serializer<ActorRef<?>> {
        private final Function<ActorRef<?>, String> toPath;
        private final Function<String, ActorRef<?>> fromPath;
        private final BoundedStringSerializer strings = new BoundedStringSerializer();

        ActorRefSerializer(Function<ActorRef<?>, String> toPath, Function<String, ActorRef<?>> fromPath) {
            this.toPath = toPath;
            this.fromPath = fromPath;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, ActorRef<?> ref) {
            strings.write(kryo, output, toPath.apply(ref));
        }

        @Override
        public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
            String path = strings.read(kryo, input, String.class);
            if (path == null) throw new KryoException("an actor ref without a path");
            return fromPath.apply(path);
        }
    }

    static String describe(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
