/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_bn.h - the HPRE engine's big numbers, portable C shared by the kernel
 * stub and the CUSE daemon (no platform bignum: the 6.1 kernel's MPI has no
 * generic curve arithmetic for P-521 or X448, and one implementation gives
 * both mocks the same behaviour). Fixed-size little-endian 64-bit limbs,
 * Montgomery multiplication (CIOS) for odd moduli, bit-serial reduction for
 * the rest. Not constant-time: a device model, not a crypto library.
 */
#ifndef ZE_BN_H
#define ZE_BN_H

#include "ze_platform.h"

#define ZB_MAX 66               /* limbs: 4096-bit operands + slack */

typedef uint64_t zb_t;

struct zb_mont {
	int n;                  /* limbs of the modulus */
	zb_t minv;              /* -m^-1 mod 2^64 */
	zb_t m[ZB_MAX];
	zb_t r2[ZB_MAX];        /* R^2 mod m, R = 2^(64 n) */
	zb_t one[ZB_MAX];       /* R mod m (1 in Montgomery form) */
};

/* Big-endian bytes (any length <= 8 n; leading zeros allowed) <-> n limbs. */
void zb_from_be(zb_t *a, int n, const uint8_t *p, size_t len);
/* Writes a right-aligned in len bytes; -1 when it does not fit. */
int zb_to_be(uint8_t *p, size_t len, const zb_t *a, int n);

int zb_cmp(const zb_t *a, const zb_t *b, int n);
int zb_is_zero(const zb_t *a, int n);
int zb_bits(const zb_t *a, int n);
zb_t zb_add(zb_t *r, const zb_t *a, const zb_t *b, int n);   /* returns carry */
zb_t zb_sub(zb_t *r, const zb_t *a, const zb_t *b, int n);   /* returns borrow */
/* r (n limbs) = x (nx limbs) mod m (n limbs, non-zero); r must not alias x. */
void zb_mod(zb_t *r, const zb_t *x, int nx, const zb_t *m, int n);
/* r (na + nb limbs) = a * b. */
void zb_mul(zb_t *r, const zb_t *a, int na, const zb_t *b, int nb);

/* Montgomery context for an odd modulus m of n limbs; -1 if m is even. */
int zb_mont_init(struct zb_mont *c, const zb_t *m, int n);
void zb_mont_mul(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
void zb_to_mont(const struct zb_mont *c, zb_t *r, const zb_t *a);     /* a < m */
void zb_from_mont(const struct zb_mont *c, zb_t *r, const zb_t *a);
/* r = base^e (both in Montgomery form; e: ne plain limbs). */
void zb_mont_pow(const struct zb_mont *c, zb_t *r, const zb_t *base, const zb_t *e, int ne);
/* Modular add/sub of values < m (any form). */
void zb_mod_add(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
void zb_mod_sub(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
/* r = a^-1 (Montgomery form in and out; m prime: Fermat). */
void zb_mont_inv(const struct zb_mont *c, zb_t *r, const zb_t *a);

#endif /* ZE_BN_H */
