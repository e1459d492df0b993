package io.firsthop.core;

/** A command one kind of device understands; others report it as unsupported. */
public interface DeviceCommand {
}
