package io.firsthop.cluster.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Encodes the registered classes ({@link KryoRegistrations}) to bytes and back with Kryo 5,
 * registration required: an object of any other class is refused on the way out, and bytes
 * naming any other class (by id or by name) are refused on the way in without loading the
 * class. Malformed bytes (short, impossible lengths or values, bytes left over) are refused
 * too. Every refusal throws {@link KryoRejectedException} and is counted.
 *
 * <p>Thread-safe: Kryo instances, and the output and input buffers, are pooled.
 */
public final class KryoCodec {
    private static final int INITIAL_BUFFER = 256;
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;
    private final Pool<Input> inputs;
    private final LongAdder rejectedOutbound = new LongAdder();
    private final LongAdder rejectedInbound = new LongAdder();

    /**
     * @param extra    classes registered after the built-in list (see {@link KryoRegistrations#resolveExtra})
     * @param toPath   how a typed ActorRef is written
     * @param fromPath how a path read back becomes an ActorRef
     */
    public KryoCodec(List<Class<?>> extra, Function<ActorRef<?>, String> toPath, Function<String, ActorRef<?>> fromPath) {
        int pooled = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        this.kryos = new Pool<>(true, false, pooled) {
            @Override
            protected Kryo create() {
                StrictClassResolver resolver = new StrictClassResolver();
                Kryo kryo = new Kryo(resolver, null);
                kryo.setRegistrationRequired(true);
                kryo.setReferences(false);
                KryoRegistrations.registerAll(kryo, resolver, extra, toPath, fromPath);
                return kryo;
            }
        };
        this.outputs = new Pool<>(true, false, pooled) {
            @Override
            protected Output create() {
                return new Output(INITIAL_BUFFER, MAX_MESSAGE);
            }
        };
        this.inputs = new Pool<>(true, false, pooled) {
            @Override
            protected Input create() {
                return new Input();
            }
        };
    }

    /** Encodes {@code message}; throws {@link KryoRejectedException} (counted) if it holds an unregistered class. */
    public byte[] encode(Object message) {
        Kryo kryo = kryos.obtain();
        Output out = outputs.obtain();
        try {
            out.reset();
            kryo.writeClassAndObject(out, message);
            return out.toBytes();
        } catch (IllegalArgumentException | KryoException e) {
            rejectedOutbound.increment();
            throw new KryoRejectedException(KryoRejectedException.Reason.UNREGISTERED_CLASS,
                    "cannot send " + WireSerializers.describe(message) + ": " + e.getMessage(), e);
        } finally {
            outputs.free(out);
            kryos.free(kryo);
        }
    }

    /** Decodes {@code bytes}; throws {@link KryoRejectedException} (counted) unless they are exactly one registered object. */
    public Object decode(byte[] bytes) {
        Kryo kryo = kryos.obtain();
        Input in = inputs.obtain();
        try {
            in.setBuffer(bytes);
            Object message = kryo.readClassAndObject(in);
            if (in.position() != bytes.length) {
                throw new KryoException((bytes.length - in.position()) + " bytes left over after the message");
            }
            if (message == null) throw new KryoException("a null message");
            return message;
        } catch (KryoException | IllegalArgumentException | IllegalStateException | NullPointerException
                 | ClassCastException | IndexOutOfBoundsException e) {
            rejectedInbound.increment();
            boolean unknownClass = e.getMessage() != null
                    && (e.getMessage().contains("unregistered class ID") || e.getMessage().contains("given by name"));
            throw new KryoRejectedException(
                    unknownClass ? KryoRejectedException.Reason.UNKNOWN_CLASS_ID : KryoRejectedException.Reason.MALFORMED,
                    "refused " + bytes.length + " received bytes: " + e.getMessage(), e);
        } finally {
            in.setBuffer(NOTHING);
            inputs.free(in);
            kryos.free(kryo);
        }
    }

    /** Objects refused on the way out (a class not on the list). */
    public long rejectedOutbound() {
        return rejectedOutbound.sum();
    }

    /** Byte arrays refused on the way in (unknown class, malformed). */
    public long rejectedInbound() {
        return rejectedInbound.sum();
    }

    /** All refusals. */
    public long rejections() {
        return rejectedOutbound() + rejectedInbound();
    }
}
