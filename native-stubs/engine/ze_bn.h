/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_bn.h - the HPRE engine's big numbers and curves, portable C shared by
 * the kernel stub and the CUSE daemon (no platform bignum: the 6.1 kernel's
 * MPI has no generic curve arithmetic for P-521 or X448, and one
 * implementation gives both mocks the same behaviour). Fixed-size
 * little-endian 64-bit limbs; Montgomery products (CIOS) and squares for odd
 * moduli, Montgomery reduction for "x mod m", sliding-window exponentiation,
 * binary inversion; short Weierstrass curves in Jacobian coordinates with
 * a = -3 and a = 0 doublings, width-w NAF scalar multiplication and the
 * interleaved double-scalar multiply of signature verification. Not
 * constant-time: a device model, not a crypto library. Nothing here
 * allocates; big scratch comes from the caller (kernel stacks are small).
 */
#ifndef ZE_BN_H
#define ZE_BN_H

#include "ze_platform.h"

#define ZB_MAX 66               /* limbs: 4096-bit operands + slack */
#define ZB_EC  9                /* limbs of a curve coordinate: 576 bits (P-521, X448) */
#define ZB_WIN 16               /* odd powers in the largest exponent window (w = 5) */

typedef uint64_t zb_t;

struct zb_mont {
	int n;                  /* limbs of the modulus (its significant limbs) */
	zb_t minv;              /* -m^-1 mod 2^64 */
	zb_t m[ZB_MAX];
	zb_t r2[ZB_MAX];        /* R^2 mod m, R = 2^(64 n) */
	zb_t one[ZB_MAX];       /* R mod m (1 in Montgomery form) */
};

/* Scratch of zb_mont_pow: the odd powers base^1, base^3, ... of the window. */
struct zb_pow_tmp {
	zb_t odd[ZB_WIN][ZB_MAX];
	zb_t acc[ZB_MAX];
};

/* Big-endian bytes (any length; leading zeros allowed) <-> n limbs (high bytes beyond n limbs are dropped). */
void zb_from_be(zb_t *a, int n, const uint8_t *p, size_t len);
/* Writes a right-aligned in len bytes; -1 when it does not fit. */
int zb_to_be(uint8_t *p, size_t len, const zb_t *a, int n);

int zb_cmp(const zb_t *a, const zb_t *b, int n);
int zb_is_zero(const zb_t *a, int n);
int zb_bits(const zb_t *a, int n);
/* Significant limbs of a (at least 1). */
int zb_limbs(const zb_t *a, int n);
zb_t zb_add(zb_t *r, const zb_t *a, const zb_t *b, int n);   /* returns carry */
zb_t zb_sub(zb_t *r, const zb_t *a, const zb_t *b, int n);   /* returns borrow */
/* r (na + nb limbs) = a * b. */
void zb_mul(zb_t *r, const zb_t *a, int na, const zb_t *b, int nb);

/* Montgomery context for an odd modulus m of n limbs (trimmed to its significant limbs); -1 if m is even. */
int zb_mont_init(struct zb_mont *c, const zb_t *m, int n);
void zb_mont_mul(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
void zb_mont_sqr(const struct zb_mont *c, zb_t *r, const zb_t *a);
void zb_to_mont(const struct zb_mont *c, zb_t *r, const zb_t *a);     /* a < m */
void zb_from_mont(const struct zb_mont *c, zb_t *r, const zb_t *a);
/* r = x mod m for any x of nx <= 2 n limbs with x < m R (Montgomery reduction, then R^2); plain values. */
void zb_mod_mont(const struct zb_mont *c, zb_t *r, const zb_t *x, int nx);
/* r = base^e (both in Montgomery form; e: ne plain limbs); sliding window. */
void zb_mont_pow(const struct zb_mont *c, zb_t *r, const zb_t *base, const zb_t *e, int ne,
		 struct zb_pow_tmp *tmp);
/* Modular add/sub of values < m (any form). */
void zb_mod_add(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
void zb_mod_sub(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b);
/* r = a^-1 (Montgomery form in and out; 0 -> 0; a coprime to m; moduli of up to ZB_EC limbs). */
void zb_mont_inv(const struct zb_mont *c, zb_t *r, const zb_t *a);

/* ---------------------------------------------------------------- curves */

struct zb_ec {                  /* y^2 = x^3 + a x + b over F_p */
	struct zb_mont f;
	zb_t a[ZB_EC], b[ZB_EC];    /* Montgomery form */
	int a_kind;                 /* 0 general, 1 a = -3 (NIST, SM2), 2 a = 0 */
};

struct zb_ecp {                 /* Jacobian (X : Y : Z), Montgomery form; Z = 0 is the point at infinity */
	zb_t x[ZB_EC], y[ZB_EC], z[ZB_EC];
};

/* Scratch of the scalar multiplications: odd multiples and NAF digits of up to two scalars. */
struct zb_ec_tmp {
	struct zb_ecp tab[2][ZB_WIN / 2];
	signed char naf[2][ZB_EC * 64 + 2];
	zb_t k[ZB_EC + 1];
};

/* Curve of plain p, a, b (n limbs each, a, b < p); -1 if p is even or below 5. */
int zb_ec_init(struct zb_ec *c, const zb_t *p, const zb_t *a, const zb_t *b, int n);
/* Plain affine (x, y) (< p) -> r; -1 when the point is not on the curve. */
int zb_ec_load(const struct zb_ec *c, struct zb_ecp *r, const zb_t *x, const zb_t *y);
/* Plain affine coordinates of p; -1 at infinity. */
int zb_ec_affine(const struct zb_ec *c, const struct zb_ecp *p, zb_t *x, zb_t *y);
/* r = k p (k: nk plain limbs, any value; 0 gives infinity); r may alias p. */
void zb_ec_mul(const struct zb_ec *c, struct zb_ecp *r, const zb_t *k, int nk, const struct zb_ecp *p,
	       struct zb_ec_tmp *tmp);
/* r = k1 p1 + k2 p2 (one run of doublings for both); r may alias p1 or p2. */
void zb_ec_mul2(const struct zb_ec *c, struct zb_ecp *r, const zb_t *k1, const struct zb_ecp *p1,
		const zb_t *k2, const struct zb_ecp *p2, int nk, struct zb_ec_tmp *tmp);
void zb_ec_add(const struct zb_ec *c, struct zb_ecp *r, const struct zb_ecp *p, const struct zb_ecp *q);

#endif /* ZE_BN_H */
