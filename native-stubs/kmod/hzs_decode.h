/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * hzs_decode.h - decoding of the user store instructions that hit the
 * trapped doorbell page (latch=1, docs/kmod.md "Latched doorbells").
 *
 * Pure functions on a copy of the user registers: no kernel or libc calls,
 * so the same file is built into the module and into the host unit test
 * (kmod/test/hzs_decode_test.c). Both decoders are always built; the module
 * uses the one of the architecture it runs on.
 */
#ifndef HZS_DECODE_H
#define HZS_DECODE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/* A copy of the general registers of the faulting user context.
 * x86-64: r[0..15] = rax rcx rdx rbx rsp rbp rsi rdi r8..r15 (ModRM order).
 * arm64:  r[0..30] = x0..x30, r[31] = sp (the zero register is implied). */
struct hzs_dec_regs {
	uint64_t r[32];
	uint64_t pc;
};

/* One decoded store instruction: n stores of width bytes each. */
struct hzs_dec {
	unsigned int len;        /* instruction length: advance pc by this */
	unsigned int n;          /* 1, or 2 for a store pair */
	unsigned int width;      /* 4 or 8 */
	uint64_t addr[2];        /* effective addresses (arm64: tag removed) */
	uint64_t val[2];         /* stored values (width 4: low 32 bits) */
	int wb;                  /* register written back (arm64 pre/post index), -1 none */
	uint64_t wb_val;
	int ld_reg;              /* swap (x86 XCHG, arm64 SWP): the register that gets the
	                          * value read, which is 0 (the register is write-only);
	                          * -1 none, 31 on arm64 = the zero register (discarded) */
	int src_xmm;             /* x86-64: the value is in XMM register src_xmm (the caller
	                          * reads it; val[0] is 0), -1: val[0] is the value */
	const char *why;         /* reason, when decoding failed */
};

#define HZS_DEC_OK        0
#define HZS_DEC_UNKNOWN  (-1) /* not a supported store: SIGBUS */
#define HZS_DEC_SHORT    (-2) /* fewer instruction bytes than needed */

/* b: avail bytes at the user pc (up to 15). */
int hzs_decode_x86_64(const uint8_t *b, unsigned int avail, const struct hzs_dec_regs *r,
		      struct hzs_dec *d);
/* insn: the 32-bit instruction word at the user pc (little-endian). */
int hzs_decode_arm64(uint32_t insn, const struct hzs_dec_regs *r, struct hzs_dec *d);

#endif /* HZS_DECODE_H */
