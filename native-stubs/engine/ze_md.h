/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_md.h - portable MD5 (RFC 1321), SHA-1 and the SHA-2 family (FIPS 180-4)
 * over a chaining value the caller carries between calls: the SEC engine's
 * long hash (ze_sec.c) stops after whole blocks, hands the chaining value out,
 * and later goes on from a chaining value and a byte count it is given. The
 * platforms' libraries (OpenSSL, the kernel crypto API) hide that value
 * behind version-dependent structs, so the engine computes it itself.
 * Fixed-size state, no allocation, stack use below 300 bytes (kernel-safe).
 */
#ifndef ZE_MD_H
#define ZE_MD_H

#include "ze_crypto.h"

#define ZE_MD_MAX_STATE 64u
#define ZE_MD_MAX_BLOCK 128u

struct ze_md {
	unsigned int family;       /* compression function: ZE_MDF_* (ze_md.c) */
	unsigned int block;        /* bytes per block: 64 or 128 */
	unsigned int state_bytes;  /* chaining value: 16 MD5, 20 SHA-1, 32 SHA-224/256, 64 SHA-384/512/t */
	unsigned int digest_bytes;
	uint32_t h32[8];
	uint64_t h64[8];
};

/* The standard initial value of md; -1 for an algorithm not offered here (SM3). */
int ze_md_init(struct ze_md *m, enum zc_md md);
/* Compresses nblocks whole blocks of p into the chaining value. */
void ze_md_blocks(struct ze_md *m, const uint8_t *p, size_t nblocks);
/* The chaining value as state_bytes bytes: each word in the digest's output byte order
 * (big-endian; MD5 little-endian), all words whatever the digest length. */
void ze_md_state_out(const struct ze_md *m, uint8_t *out);
void ze_md_state_in(struct ze_md *m, const uint8_t *in);
/* Hashes the last len bytes of the message (any length) and pads with the message's
 * total length total_bits; writes digest_bytes to out. */
void ze_md_final(struct ze_md *m, const uint8_t *p, size_t len, uint64_t total_bits, uint8_t *out);

#endif /* ZE_MD_H */
