/**
 * The engine-neutral request layer (docs/request.md): queue pools per device type and queue
 * type, slot ownership, synchronous and asynchronous completion, the reaper, timeouts, device
 * memory (SVA: native memory; no-SVA: the SS region and its GET_SS_DMA addresses) and counters.
 * An engine (ZIP, SEC, HPRE) supplies a {@link io.uacce.request.RequestCodec} and a
 * {@link io.uacce.request.QueueType}; it names no ring, slot or doorbell.
 */
package io.uacce.request;
