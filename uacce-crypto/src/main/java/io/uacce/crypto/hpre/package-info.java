/**
 * The HPRE engine (hisi_hpre, public-key crypto): the raw primitives behind one interface
 * ({@code PkPrimitives}) and the JCA services that pad, hash and encode around them
 * ({@code HpreServices}). The SQE codec, operand formats and key layouts are in
 * {@code io.uacce.crypto.hpre.sqe}. Not exported.
 */
package io.uacce.crypto.hpre;
