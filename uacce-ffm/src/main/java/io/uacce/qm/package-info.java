/**
 * The HiSilicon QM user queue: SQE ring and CQ ring inside the DUS region, the 64-bit doorbell in
 * the MMIO region, completion by phase bit, and the TX/RX stop words.
 */
package io.uacce.qm;
