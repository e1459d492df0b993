package io.firsthop.cluster.serial;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo's class resolver with two changes. Typed {@link ActorRef}s, which come in several
 * internal classes (adapters, the system itself, remote refs), all map to the one
 * registration of {@code ActorRef} and travel as their path. And a class named on the wire
 * instead of registered is refused before it is looked up, so no class the list does not
 * name is ever loaded or instantiated from received bytes.
 */
final class StrictClassResolver extends DefaultClassResolver {
    private Registration actorRefRegistration;

    void mapActorRefsTo(Registration registration) {
        this.actorRefRegistration = registration;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
        Registration r = super.getRegistration(type);
        if (r == null && actorRefRegistration != null && ActorRef.class.isAssignableFrom(type)) {
            return actorRefRegistration;
        }
        return r;
    }

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("a class given by name is not accepted: every class on the wire is registered");
    }
}
