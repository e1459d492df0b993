package io.firsthop.cluster;

/**
 * Marks a message that may cross JVMs between sites. conf/firsthop-cluster.conf binds this
 * interface to the Kryo serializer, so every such message must also appear in
 * {@link io.firsthop.cluster.serial.KryoRegistrations}; anything else fails to serialize
 * loudly (Java serialization is off).
 */
public interface CrossSite {
}
