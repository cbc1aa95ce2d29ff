/**
 * The in-process hisi_zip device model: an independent Java implementation of the device side of
 * the uacce / QM / ZIP protocol, plugged in at the kernel-ABI seam ({@code io.uacce.spi}).
 */
package io.uacce.stubs.model;
