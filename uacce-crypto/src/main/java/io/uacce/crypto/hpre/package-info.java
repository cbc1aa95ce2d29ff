/**
 * The HPRE engine (hisi_hpre, public-key crypto): the 64-byte SQE codec ({@code HpreSqe}), the
 * operand formats and key layouts ({@code HpreOperands}), the raw primitives behind one interface
 * ({@code PkPrimitives}) and the JCA services that pad, hash and encode around them
 * ({@code HpreServices}). Not exported.
 */
package io.uacce.crypto.hpre;
