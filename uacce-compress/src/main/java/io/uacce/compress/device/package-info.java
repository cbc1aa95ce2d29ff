/**
 * The device engine: ZIP requests on uacce queues through the QM ring. A {@link
 * io.uacce.compress.device.DeviceQueue} owns one ring and one reaper thread; {@link
 * io.uacce.compress.device.QueuePool} holds the compression (qc_type 0) and decompression
 * (qc_type 1) queues; {@link io.uacce.compress.device.DeviceSession} runs one stream. Not exported.
 */
package io.uacce.compress.device;
