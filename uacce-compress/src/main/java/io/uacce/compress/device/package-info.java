/**
 * The ZIP device engine on the request layer ({@code io.uacce.request}): {@link
 * io.uacce.compress.device.DeviceEngine} holds a compression pool (qc_type 0) and a
 * decompression pool (qc_type 1); {@link io.uacce.compress.device.DeviceSession} runs one stream
 * on one queue with its context and staging buffers in that queue's device memory. Not exported.
 */
package io.uacce.compress.device;
