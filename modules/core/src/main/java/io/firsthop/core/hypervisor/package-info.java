/**
 * Boxes made of several cores that are one device (one actor): {@link
 * io.firsthop.core.hypervisor.CompositeDevice}, the {@link io.firsthop.core.hypervisor.Hypervisor}
 * with its virtual switch, VMs and optional distributed router, and the {@link
 * io.firsthop.core.hypervisor.RoutedSwitch} (a switch with SVIs).
 */
package io.firsthop.core.hypervisor;
