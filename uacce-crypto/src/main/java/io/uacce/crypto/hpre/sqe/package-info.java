/**
 * The HPRE SQE codec (HPRE spec §3): the 64-byte request format, operand slots (big-endian,
 * right-aligned) and the key layouts of §3.1/§3.3/§3.4. Pure encode/decode, no device access.
 */
package io.uacce.crypto.hpre.sqe;
