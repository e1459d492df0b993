package io.firsthop.cluster.serial;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * The Pekko serializer of every {@link io.firsthop.cluster.CrossSite} message (bound in
 * conf/firsthop-cluster.conf), over {@link KryoCodec}. Typed ActorRefs travel as their path
 * through Pekko's {@link ActorRefResolver}. A refused message throws (Artery then logs and
 * drops it) and is counted: {@link #of} finds a system's instance to read the counters.
 */
public final class KryoSerializer extends JSerializer {
    /** This serializer's id; Pekko reserves 0-40. */
    public static final int IDENTIFIER = 1_771_001;

    private final KryoCodec codec;

    public KryoSerializer(ExtendedActorSystem system) {
        ActorRefResolver[] resolver = new ActorRefResolver[1];
        // The resolver is an extension of the typed system; it cannot be created while Pekko
        // builds its serializers, so it is looked up on first use.
        java.util.function.Supplier<ActorRefResolver> refs = () -> {
            if (resolver[0] == null) resolver[0] = ActorRefResolver.get(Adapter.toTyped(system));
            return resolver[0];
        };
        this.codec = new KryoCodec(
                KryoRegistrations.resolveExtra(system.settings().config().getStringList("firsthop.kryo.extra-registrations"),
                        system.dynamicAccess().classLoader()),
                ref -> refs.get().toSerializationFormat(ref),
                path -> refs.get().<Object>resolveActorRef(path));
    }

    /** The instance serving {@code system}. */
    public static KryoSerializer of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return (KryoSerializer) SerializationExtension.get(Adapter.toClassic(system)).serializerByIdentity()
                .apply(IDENTIFIER);
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        return codec.encode(o);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        return codec.decode(bytes);
    }

    /** The codec, with its refusal counters. */
    public KryoCodec codec() {
        return codec;
    }

}
