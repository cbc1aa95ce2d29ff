// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_bn.c - fixed-size big numbers and prime curves for the HPRE engine
 * (ze_bn.h). Costs that matter under qemu TCG (the kernel stub, the CUSE
 * daemon): a 2048-bit CRT private key operation is two 1024-bit sliding-window
 * exponentiations (w = 5: ~1024 Montgomery squares, ~200 products); a P-256
 * scalar multiplication ~256 doublings and ~50 additions (w = 4 NAF); a
 * signature verification one interleaved run of doublings for both scalars.
 * Everything in one file (the kernel module compiles the engine as one unit;
 * every non-API name here is static with a zb_ prefix).
 */
#include "ze_bn.h"

typedef unsigned __int128 zb_dt;

/* Unrolled loops where n is a constant (GCC >= 8 and clang read this pragma). */
#define ZB_UNROLL _Pragma("GCC unroll 9")

void zb_from_be(zb_t *a, int n, const uint8_t *p, size_t len)
{
	size_t i;

	memset(a, 0, sizeof(zb_t) * (size_t)n);
	for (i = 0; i < len; i++) {
		size_t bit = (len - 1 - i) * 8;

		if (bit / 64 < (size_t)n)
			a[bit / 64] |= (zb_t)p[i] << (bit % 64);
	}
}

int zb_to_be(uint8_t *p, size_t len, const zb_t *a, int n)
{
	size_t i;

	if ((size_t)zb_bits(a, n) > len * 8)
		return -1;
	for (i = 0; i < len; i++) {
		size_t bit = (len - 1 - i) * 8;

		p[i] = bit / 64 < (size_t)n ? (uint8_t)(a[bit / 64] >> (bit % 64)) : 0;
	}
	return 0;
}

int zb_cmp(const zb_t *a, const zb_t *b, int n)
{
	while (n--)
		if (a[n] != b[n])
			return a[n] > b[n] ? 1 : -1;
	return 0;
}

int zb_is_zero(const zb_t *a, int n)
{
	while (n--)
		if (a[n])
			return 0;
	return 1;
}

int zb_bits(const zb_t *a, int n)
{
	while (n--)
		if (a[n])
			return n * 64 + 64 - __builtin_clzll(a[n]);
	return 0;
}

int zb_limbs(const zb_t *a, int n)
{
	while (n > 1 && !a[n - 1])
		n--;
	return n < 1 ? 1 : n;
}

zb_t zb_add(zb_t *r, const zb_t *a, const zb_t *b, int n)
{
	zb_t c = 0;
	int i;

	for (i = 0; i < n; i++) {
		zb_dt s = (zb_dt)a[i] + b[i] + c;

		r[i] = (zb_t)s;
		c = (zb_t)(s >> 64);
	}
	return c;
}

zb_t zb_sub(zb_t *r, const zb_t *a, const zb_t *b, int n)
{
	zb_t br = 0;
	int i;

	for (i = 0; i < n; i++) {
		zb_t x = a[i], y = b[i];
		zb_t d = x - y - br;

		br = (x < y) || (x == y && br) ? 1 : 0;
		r[i] = d;
	}
	return br;
}

void zb_mul(zb_t *r, const zb_t *a, int na, const zb_t *b, int nb)
{
	int i, j;

	memset(r, 0, sizeof(zb_t) * (size_t)(na + nb));
	for (i = 0; i < na; i++) {
		zb_t c = 0;

		for (j = 0; j < nb; j++) {
			zb_dt t = (zb_dt)a[i] * b[j] + r[i + j] + c;

			r[i + j] = (zb_t)t;
			c = (zb_t)(t >> 64);
		}
		r[i + nb] = c;
	}
}

/* x = 2 x mod m (x < m). */
static void zb_dbl_mod(zb_t *x, const zb_t *m, int n)
{
	zb_t carry = zb_add(x, x, x, n);

	if (carry || zb_cmp(x, m, n) >= 0)
		zb_sub(x, x, m, n);
}

int zb_mont_init(struct zb_mont *c, const zb_t *m, int n)
{
	zb_t x = 1;
	int i, b, t0, j;

	if (n < 1 || n > ZB_MAX || !(m[0] & 1))
		return -1;
	n = zb_limbs(m, n);
	memset(c, 0, sizeof(*c));
	c->n = n;
	memcpy(c->m, m, sizeof(zb_t) * (size_t)n);
	for (i = 0; i < 6; i++)         /* Newton: x = m0^-1 mod 2^64 */
		x *= 2 - m[0] * x;
	c->minv = (zb_t)0 - x;
	b = zb_bits(m, n);
	if (b < 2)                      /* m = 1: every residue is 0 */
		return 0;
	/* R mod m: 2^(b-1) < m, doubled 64 n - b + 1 times */
	c->one[(b - 1) / 64] = (zb_t)1 << ((b - 1) % 64);
	for (i = 0; i < 64 * n - b + 1; i++)
		zb_dbl_mod(c->one, c->m, n);
	/* R^2 mod m = the Montgomery form of 2^(64 n): 64 n = t0 2^j; 2^t0 by doublings, then j squares */
	for (t0 = 64 * n, j = 0; !(t0 & 1); t0 >>= 1, j++)
		;
	memcpy(c->r2, c->one, sizeof(zb_t) * (size_t)n);
	for (i = 0; i < t0; i++)
		zb_dbl_mod(c->r2, c->m, n);
	for (i = 0; i < j; i++)
		zb_mont_mul(c, c->r2, c->r2, c->r2);
	return 0;
}

/*
 * CIOS Montgomery product r = a b R^-1 mod m (a, b < m; r may alias). The body
 * is inlined with a constant n for the curve sizes (3 ... 9 limbs), so the
 * compiler unrolls it: most requests are ECC, and under TCG every guest
 * instruction counts.
 */
static inline __attribute__((always_inline)) void zb_mm(const zb_t *m, zb_t minv, zb_t *r, const zb_t *a,
							  const zb_t *b, const int n)
{
	zb_t t[ZB_MAX + 2];
	int i, j;

	for (j = 0; j < n + 2; j++)
		t[j] = 0;
	ZB_UNROLL
	for (i = 0; i < n; i++) {
		zb_t carry = 0, u, bi = b[i];
		zb_dt s;

		ZB_UNROLL
		for (j = 0; j < n; j++) {
			s = (zb_dt)a[j] * bi + t[j] + carry;
			t[j] = (zb_t)s;
			carry = (zb_t)(s >> 64);
		}
		s = (zb_dt)t[n] + carry;
		t[n] = (zb_t)s;
		t[n + 1] = (zb_t)(s >> 64);
		u = t[0] * minv;
		s = (zb_dt)u * m[0] + t[0];
		carry = (zb_t)(s >> 64);
		ZB_UNROLL
		for (j = 1; j < n; j++) {
			s = (zb_dt)u * m[j] + t[j] + carry;
			t[j - 1] = (zb_t)s;
			carry = (zb_t)(s >> 64);
		}
		s = (zb_dt)t[n] + carry;
		t[n - 1] = (zb_t)s;
		t[n] = t[n + 1] + (zb_t)(s >> 64);
	}
	if (!t[n]) {                    /* t >= m? */
		for (j = n - 1; j >= 0 && t[j] == m[j]; j--)
			;
		if (j >= 0 && t[j] < m[j]) {
			for (j = 0; j < n; j++)
				r[j] = t[j];
			return;
		}
	}
	{
		zb_t br = 0;

		for (j = 0; j < n; j++) {
			zb_dt d = (zb_dt)t[j] - m[j] - br;

			r[j] = (zb_t)d;
			br = (zb_t)(d >> 64) & 1;
		}
	}
}

void zb_mont_mul(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	switch (c->n) {
	case 3: zb_mm(c->m, c->minv, r, a, b, 3); break;
	case 4: zb_mm(c->m, c->minv, r, a, b, 4); break;
	case 5: zb_mm(c->m, c->minv, r, a, b, 5); break;
	case 6: zb_mm(c->m, c->minv, r, a, b, 6); break;
	case 7: zb_mm(c->m, c->minv, r, a, b, 7); break;
	case 9: zb_mm(c->m, c->minv, r, a, b, 9); break;
	default: zb_mm(c->m, c->minv, r, a, b, c->n); break;
	}
}

/* s (2 n limbs, s < m R) -> r = s R^-1 mod m; s is destroyed. */
static void zb_redc(const struct zb_mont *c, zb_t *r, zb_t *s)
{
	const zb_t *m = c->m;
	int n = c->n, i, j;
	zb_t top = 0;

	for (i = 0; i < n; i++) {
		zb_t u = s[i] * c->minv, carry = 0;
		zb_dt t;

		for (j = 0; j < n; j++) {
			t = (zb_dt)u * m[j] + s[i + j] + carry;
			s[i + j] = (zb_t)t;
			carry = (zb_t)(t >> 64);
		}
		t = (zb_dt)s[i + n] + carry + top;
		s[i + n] = (zb_t)t;
		top = (zb_t)(t >> 64);
	}
	if (top || zb_cmp(s + n, m, n) >= 0)
		zb_sub(s + n, s + n, m, n);
	memcpy(r, s + n, sizeof(zb_t) * (size_t)n);
}

/* Squares: the cross products once, doubled, plus the diagonal; then one reduction. */
void zb_mont_sqr(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_t s[2 * ZB_MAX];
	int n = c->n, i, j;
	zb_t carry;

	if (n < 8) {                    /* short operands: the product loop is as fast */
		zb_mont_mul(c, r, a, a);
		return;
	}
	memset(s, 0, sizeof(zb_t) * (size_t)(2 * n));
	for (i = 0; i < n; i++) {
		zb_t ai = a[i];

		carry = 0;
		for (j = i + 1; j < n; j++) {
			zb_dt t = (zb_dt)ai * a[j] + s[i + j] + carry;

			s[i + j] = (zb_t)t;
			carry = (zb_t)(t >> 64);
		}
		s[i + n] = carry;
	}
	for (i = 2 * n - 1; i > 0; i--)
		s[i] = s[i] << 1 | s[i - 1] >> 63;
	s[0] <<= 1;
	carry = 0;
	for (i = 0; i < n; i++) {
		zb_dt t = (zb_dt)a[i] * a[i] + s[2 * i] + carry;

		s[2 * i] = (zb_t)t;
		t = (zb_dt)s[2 * i + 1] + (zb_t)(t >> 64);
		s[2 * i + 1] = (zb_t)t;
		carry = (zb_t)(t >> 64);
	}
	zb_redc(c, r, s);
}

void zb_to_mont(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_mont_mul(c, r, a, c->r2);
}

void zb_from_mont(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_t one[ZB_MAX];

	memset(one, 0, sizeof(zb_t) * (size_t)c->n);
	one[0] = 1;
	zb_mont_mul(c, r, a, one);
}

/* Horner over chunks of n limbs from the top: r = (r R + chunk) mod m, each one reduction and one product. */
void zb_mod_mont(const struct zb_mont *c, zb_t *r, const zb_t *x, int nx)
{
	zb_t s[2 * ZB_MAX], acc[ZB_MAX];
	int n = c->n, lo;

	memset(acc, 0, sizeof(zb_t) * (size_t)n);
	nx = zb_limbs(x, nx);
	for (lo = ((nx - 1) / n) * n; lo >= 0; lo -= n) {
		int k = nx - lo < n ? nx - lo : n;

		memset(s, 0, sizeof(zb_t) * (size_t)n);
		memcpy(s, x + lo, sizeof(zb_t) * (size_t)k);
		memcpy(s + n, acc, sizeof(zb_t) * (size_t)n);
		zb_redc(c, acc, s);              /* (acc R + chunk) R^-1 */
		zb_mont_mul(c, acc, acc, c->r2); /* (acc R + chunk) mod m */
	}
	memcpy(r, acc, sizeof(zb_t) * (size_t)n);
}

static int zb_bit(const zb_t *e, int i)
{
	return (int)((e[i / 64] >> (i % 64)) & 1);
}

/* Sliding window, left to right: window w by exponent length, odd powers only. */
void zb_mont_pow(const struct zb_mont *c, zb_t *r, const zb_t *base, const zb_t *e, int ne,
		 struct zb_pow_tmp *tmp)
{
	int bits = zb_bits(e, ne), w, i, k, started = 0, squares = 0;
	size_t sz = sizeof(zb_t) * (size_t)c->n;
	zb_t *acc = tmp->acc;

	if (!bits) {
		memcpy(r, c->one, sz);
		return;
	}
	w = bits > 512 ? 5 : bits > 160 ? 4 : bits > 48 ? 3 : bits > 16 ? 2 : 1;
	memcpy(tmp->odd[0], base, sz);
	if (w > 1) {
		zb_mont_sqr(c, acc, base);
		for (k = 1; k < 1 << (w - 1); k++)
			zb_mont_mul(c, tmp->odd[k], tmp->odd[k - 1], acc);
	}
	for (i = bits - 1; i >= 0;) {
		int l, v;

		if (!zb_bit(e, i)) {
			zb_mont_sqr(c, acc, acc);
			i--;
			squares++;
			continue;
		}
		l = i + 1 < w ? i + 1 : w;
		while (!zb_bit(e, i - l + 1))
			l--;
		for (v = 0, k = i; k > i - l; k--)
			v = v << 1 | zb_bit(e, k);
		if (started) {
			for (k = 0; k < l; k++)
				zb_mont_sqr(c, acc, acc);
			squares += l;
			zb_mont_mul(c, acc, acc, tmp->odd[v >> 1]);
		} else {
			memcpy(acc, tmp->odd[v >> 1], sz);
			started = 1;
		}
		i -= l;
		if (squares >= 64) {
			squares = 0;
			zp_cond_resched();
		}
	}
	memcpy(r, acc, sz);
}

/* r = a + b mod m and r = a - b mod m (a, b < m), inlined with a constant n like the product. */
static inline __attribute__((always_inline)) void zb_ma(const zb_t *m, zb_t *r, const zb_t *a, const zb_t *b,
							  const int n)
{
	zb_t t[ZB_MAX], c = 0, br = 0;
	int j;

	ZB_UNROLL
	for (j = 0; j < n; j++) {
		zb_dt s = (zb_dt)a[j] + b[j] + c;

		t[j] = (zb_t)s;
		c = (zb_t)(s >> 64);
	}
	if (!c) {
		for (j = n - 1; j >= 0 && t[j] == m[j]; j--)
			;
		if (j >= 0 && t[j] < m[j]) {
			ZB_UNROLL
			for (j = 0; j < n; j++)
				r[j] = t[j];
			return;
		}
	}
	ZB_UNROLL
	for (j = 0; j < n; j++) {
		zb_dt d = (zb_dt)t[j] - m[j] - br;

		r[j] = (zb_t)d;
		br = (zb_t)(d >> 64) & 1;
	}
}

static inline __attribute__((always_inline)) void zb_ms(const zb_t *m, zb_t *r, const zb_t *a, const zb_t *b,
							  const int n)
{
	zb_t br = 0, c = 0;
	int j;

	ZB_UNROLL
	for (j = 0; j < n; j++) {
		zb_dt d = (zb_dt)a[j] - b[j] - br;

		r[j] = (zb_t)d;
		br = (zb_t)(d >> 64) & 1;
	}
	if (!br)
		return;
	ZB_UNROLL
	for (j = 0; j < n; j++) {
		zb_dt s = (zb_dt)r[j] + m[j] + c;

		r[j] = (zb_t)s;
		c = (zb_t)(s >> 64);
	}
}

#define ZB_BY_N(f, c, ...) do { \
	switch ((c)->n) { \
	case 3: f((c)->m, __VA_ARGS__, 3); break; \
	case 4: f((c)->m, __VA_ARGS__, 4); break; \
	case 5: f((c)->m, __VA_ARGS__, 5); break; \
	case 6: f((c)->m, __VA_ARGS__, 6); break; \
	case 7: f((c)->m, __VA_ARGS__, 7); break; \
	case 9: f((c)->m, __VA_ARGS__, 9); break; \
	default: f((c)->m, __VA_ARGS__, (c)->n); break; \
	} } while (0)

void zb_mod_add(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	ZB_BY_N(zb_ma, c, r, a, b);
}

void zb_mod_sub(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	ZB_BY_N(zb_ms, c, r, a, b);
}

/* x = x / 2 mod m (m odd, x < m). */
static void zb_half_mod(zb_t *x, const zb_t *m, int n)
{
	zb_t top = 0;
	int i;

	if (x[0] & 1)
		top = zb_add(x, x, m, n);
	for (i = 0; i < n - 1; i++)
		x[i] = x[i] >> 1 | x[i + 1] << 63;
	x[n - 1] = x[n - 1] >> 1 | top << 63;
}

static void zb_shr1(zb_t *x, int n)
{
	int i;

	for (i = 0; i < n - 1; i++)
		x[i] = x[i] >> 1 | x[i + 1] << 63;
	x[n - 1] >>= 1;
}

static int zb_is_one(const zb_t *a, int n)
{
	return a[0] == 1 && zb_is_zero(a + 1, n - 1);
}

/* Binary extended Euclid on plain values: r = a^-1 mod m (m odd); 0 when a = 0 or not invertible. */
static void zb_inv_plain(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_t u[ZB_EC], v[ZB_EC], x1[ZB_EC], x2[ZB_EC];
	int n = c->n, steps = 0;
	size_t sz = sizeof(zb_t) * (size_t)n;

	if (n > ZB_EC) {                /* curve-sized moduli only (small stack frames) */
		memset(r, 0, sz);
		return;
	}
	memcpy(u, a, sz);
	memcpy(v, c->m, sz);
	memset(x1, 0, sz);
	memset(x2, 0, sz);
	x1[0] = 1;
	if (zb_is_zero(u, n)) {
		memset(r, 0, sz);
		return;
	}
	while (!zb_is_one(u, n) && !zb_is_one(v, n)) {
		if (zb_is_zero(u, n) || zb_is_zero(v, n)) {   /* gcd > 1 */
			memset(r, 0, sz);
			return;
		}
		while (!(u[0] & 1)) {
			zb_shr1(u, n);
			zb_half_mod(x1, c->m, n);
		}
		while (!(v[0] & 1)) {
			zb_shr1(v, n);
			zb_half_mod(x2, c->m, n);
		}
		if (zb_cmp(u, v, n) >= 0) {
			zb_sub(u, u, v, n);
			zb_mod_sub(c, x1, x1, x2);
		} else {
			zb_sub(v, v, u, n);
			zb_mod_sub(c, x2, x2, x1);
		}
		if (!(++steps & 255))
			zp_cond_resched();
	}
	memcpy(r, zb_is_one(u, n) ? x1 : x2, sz);
}

void zb_mont_inv(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_inv_plain(c, r, a);          /* (x R)^-1 = x^-1 R^-1 */
	zb_mont_mul(c, r, r, c->r2);    /* x^-1 */
	zb_mont_mul(c, r, r, c->r2);    /* x^-1 R */
}

/* ---------------------------------------------------------------- curves */

#define ZB_F (&c->f)

int zb_ec_init(struct zb_ec *c, const zb_t *p, const zb_t *a, const zb_t *b, int n)
{
	zb_t pm3[ZB_EC], three[ZB_EC];

	if (n > ZB_EC || zb_bits(p, n) < 3 || zb_mont_init(&c->f, p, n))
		return -1;
	memset(c->a, 0, sizeof(c->a));
	memset(c->b, 0, sizeof(c->b));
	zb_to_mont(ZB_F, c->a, a);
	zb_to_mont(ZB_F, c->b, b);
	memset(three, 0, sizeof(three));
	three[0] = 3;
	zb_sub(pm3, p, three, n);
	c->a_kind = !zb_cmp(a, pm3, n) ? 1 : zb_is_zero(a, n) ? 2 : 0;
	return 0;
}

static void zb_inf(struct zb_ecp *r)
{
	memset(r, 0, sizeof(*r));
}

static int zb_is_inf(const struct zb_ec *c, const struct zb_ecp *p)
{
	return zb_is_zero(p->z, c->f.n);
}

int zb_ec_load(const struct zb_ec *c, struct zb_ecp *r, const zb_t *x, const zb_t *y)
{
	zb_t l[ZB_EC], rr[ZB_EC];
	int n = c->f.n;

	zb_inf(r);
	zb_to_mont(ZB_F, r->x, x);
	zb_to_mont(ZB_F, r->y, y);
	memcpy(r->z, c->f.one, sizeof(zb_t) * (size_t)n);
	zb_mont_mul(ZB_F, l, r->y, r->y);               /* y^2 */
	zb_mont_mul(ZB_F, rr, r->x, r->x);
	zb_mod_add(ZB_F, rr, rr, c->a);
	zb_mont_mul(ZB_F, rr, rr, r->x);
	zb_mod_add(ZB_F, rr, rr, c->b);                 /* x^3 + a x + b */
	return zb_cmp(l, rr, n) ? -1 : 0;
}

int zb_ec_affine(const struct zb_ec *c, const struct zb_ecp *p, zb_t *x, zb_t *y)
{
	zb_t zi[ZB_EC], z2[ZB_EC];

	if (zb_is_inf(c, p))
		return -1;
	zb_mont_inv(ZB_F, zi, p->z);
	zb_mont_mul(ZB_F, z2, zi, zi);
	zb_mont_mul(ZB_F, x, p->x, z2);
	zb_mont_mul(ZB_F, z2, z2, zi);
	zb_mont_mul(ZB_F, y, p->y, z2);
	zb_from_mont(ZB_F, x, x);
	zb_from_mont(ZB_F, y, y);
	return 0;
}

/*
 * r = 2 p (r may alias p), Jacobian: YY = Y^2, ZZ = Z^2, M = 3 X^2 + a Z^4
 * (a = -3: 3 (X - ZZ)(X + ZZ); a = 0: 3 X^2), S = 4 X YY, X3 = M^2 - 2 S,
 * Y3 = M (S - X3) - 8 YY^2, Z3 = (Y + Z)^2 - YY - ZZ = 2 Y Z. 8 products for a = -3.
 */
static void zb_ec_dbl(const struct zb_ec *c, struct zb_ecp *r, const struct zb_ecp *p)
{
	zb_t yy[ZB_EC], zz[ZB_EC], m[ZB_EC], s[ZB_EC], t[ZB_EC];
	const struct zb_mont *f = ZB_F;
	int n = f->n;

	if (zb_is_inf(c, p) || zb_is_zero(p->y, n)) {
		zb_inf(r);
		return;
	}
	zb_mont_mul(f, yy, p->y, p->y);
	zb_mont_mul(f, zz, p->z, p->z);
	if (c->a_kind == 1) {
		zb_mod_sub(f, t, p->x, zz);
		zb_mod_add(f, m, p->x, zz);
		zb_mont_mul(f, t, t, m);
	} else {
		zb_mont_mul(f, t, p->x, p->x);
	}
	zb_mod_add(f, m, t, t);
	zb_mod_add(f, m, m, t);
	if (!c->a_kind) {
		zb_mont_mul(f, t, zz, zz);
		zb_mont_mul(f, t, t, c->a);
		zb_mod_add(f, m, m, t);
	}
	zb_mod_add(f, r->z, p->y, p->z);
	zb_mont_mul(f, r->z, r->z, r->z);
	zb_mod_sub(f, r->z, r->z, yy);
	zb_mod_sub(f, r->z, r->z, zz);
	zb_mont_mul(f, s, p->x, yy);
	zb_mod_add(f, s, s, s);
	zb_mod_add(f, s, s, s);
	zb_mont_mul(f, t, m, m);
	zb_mod_sub(f, t, t, s);
	zb_mod_sub(f, t, t, s);                         /* X3 */
	zb_mod_sub(f, s, s, t);
	zb_mont_mul(f, s, s, m);
	zb_mont_mul(f, yy, yy, yy);
	zb_mod_add(f, yy, yy, yy);
	zb_mod_add(f, yy, yy, yy);
	zb_mod_add(f, yy, yy, yy);
	zb_mod_sub(f, r->y, s, yy);
	memcpy(r->x, t, sizeof(zb_t) * (size_t)n);
}

/* r = p + q (r may alias p or q): add-2007-bl, shorter when q has Z = 1. */
void zb_ec_add(const struct zb_ec *c, struct zb_ecp *r, const struct zb_ecp *p, const struct zb_ecp *q)
{
	zb_t z1z1[ZB_EC], u1[ZB_EC], u2[ZB_EC], s1[ZB_EC], s2[ZB_EC], h[ZB_EC], i[ZB_EC], j[ZB_EC], v[ZB_EC];
	const struct zb_mont *f = ZB_F;
	int n = f->n, q1;
	size_t sz = sizeof(zb_t) * (size_t)n;

	if (zb_is_inf(c, p)) {
		if (r != q)
			*r = *q;
		return;
	}
	if (zb_is_inf(c, q)) {
		if (r != p)
			*r = *p;
		return;
	}
	q1 = !zb_cmp(q->z, f->one, n);
	zb_mont_mul(f, z1z1, p->z, p->z);
	zb_mont_mul(f, u2, q->x, z1z1);                 /* U2 = X2 Z1^2 */
	zb_mont_mul(f, s2, q->y, p->z);
	zb_mont_mul(f, s2, s2, z1z1);                   /* S2 = Y2 Z1^3 */
	if (q1) {
		memcpy(u1, p->x, sz);
		memcpy(s1, p->y, sz);
	} else {
		zb_mont_mul(f, j, q->z, q->z);
		zb_mont_mul(f, u1, p->x, j);            /* U1 = X1 Z2^2 */
		zb_mont_mul(f, s1, p->y, q->z);
		zb_mont_mul(f, s1, s1, j);              /* S1 = Y1 Z2^3 */
	}
	zb_mod_sub(f, h, u2, u1);
	zb_mod_sub(f, s2, s2, s1);
	if (zb_is_zero(h, n)) {
		if (zb_is_zero(s2, n))
			zb_ec_dbl(c, r, p);
		else
			zb_inf(r);
		return;
	}
	zb_mod_add(f, s2, s2, s2);                      /* rr = 2 (S2 - S1) */
	zb_mod_add(f, i, h, h);
	zb_mont_mul(f, i, i, i);                        /* I = (2 H)^2 */
	zb_mont_mul(f, j, h, i);                        /* J = H I */
	zb_mont_mul(f, v, u1, i);                       /* V = U1 I */
	/* Z3 = 2 Z1 Z2 H (before p and q are overwritten) */
	if (q1)
		zb_mont_mul(f, z1z1, p->z, h);
	else {
		zb_mont_mul(f, z1z1, p->z, q->z);
		zb_mont_mul(f, z1z1, z1z1, h);
	}
	zb_mod_add(f, r->z, z1z1, z1z1);
	zb_mont_mul(f, u2, s2, s2);
	zb_mod_sub(f, u2, u2, j);
	zb_mod_sub(f, u2, u2, v);
	zb_mod_sub(f, u2, u2, v);                       /* X3 = rr^2 - J - 2 V */
	zb_mod_sub(f, v, v, u2);
	zb_mont_mul(f, v, v, s2);
	zb_mont_mul(f, s1, s1, j);
	zb_mod_add(f, s1, s1, s1);
	zb_mod_sub(f, r->y, v, s1);                     /* Y3 = rr (V - X3) - 2 S1 J */
	memcpy(r->x, u2, sz);
}

/* Width-w NAF of k (nk limbs): digits odd in (-2^(w-1), 2^(w-1)) or 0, least significant first; returns the length. */
static int zb_wnaf(signed char *naf, const zb_t *k, int nk, int w, zb_t *tmp)
{
	int len = 0, i;
	zb_t mask = ((zb_t)1 << w) - 1;

	if (nk > ZB_EC)
		nk = ZB_EC;
	memcpy(tmp, k, sizeof(zb_t) * (size_t)nk);
	tmp[nk] = 0;
	while (!zb_is_zero(tmp, nk + 1)) {
		int d = 0;

		if (tmp[0] & 1) {
			d = (int)(tmp[0] & mask);
			if (d >= 1 << (w - 1))
				d -= 1 << w;
			if (d > 0) {            /* k -= d: no borrow past limb 0 (d <= k's low bits) */
				tmp[0] -= (zb_t)d;
			} else {                /* k += -d */
				zb_t add = (zb_t)(-d);

				for (i = 0; i <= nk && add; i++) {
					tmp[i] += add;
					add = tmp[i] < add ? 1 : 0;
				}
			}
		}
		naf[len++] = (signed char)d;
		zb_shr1(tmp, nk + 1);
	}
	return len;
}

/* The odd multiples p, 3 p, ..., (2^(w-1) - 1) p. */
static void zb_ec_table(const struct zb_ec *c, struct zb_ecp *tab, const struct zb_ecp *p, int w)
{
	struct zb_ecp d;
	int i;

	tab[0] = *p;
	zb_ec_dbl(c, &d, p);
	for (i = 1; i < 1 << (w - 2); i++)
		zb_ec_add(c, &tab[i], &tab[i - 1], &d);
}

/* r = r + d p, d an odd NAF digit, tab the odd multiples of p. */
static void zb_ec_add_digit(const struct zb_ec *c, struct zb_ecp *r, const struct zb_ecp *tab, int d)
{
	struct zb_ecp neg;

	if (d > 0) {
		zb_ec_add(c, r, r, &tab[(d - 1) / 2]);
		return;
	}
	zb_t zero[ZB_EC];

	memset(zero, 0, sizeof(zero));
	neg = tab[(-d - 1) / 2];
	zb_mod_sub(ZB_F, neg.y, zero, tab[(-d - 1) / 2].y);   /* -(x, y) = (x, -y) */
	zb_ec_add(c, r, r, &neg);
}

static int zb_ec_width(int bits)
{
	return bits > 300 ? 5 : 4;
}

void zb_ec_mul2(const struct zb_ec *c, struct zb_ecp *r, const zb_t *k1, const struct zb_ecp *p1,
		const zb_t *k2, const struct zb_ecp *p2, int nk, struct zb_ec_tmp *tmp)
{
	int w = zb_ec_width(zb_bits(c->f.m, c->f.n)), l1, l2 = 0, i;

	l1 = zb_wnaf(tmp->naf[0], k1, nk, w, tmp->k);
	zb_ec_table(c, tmp->tab[0], p1, w);
	if (k2) {
		l2 = zb_wnaf(tmp->naf[1], k2, nk, w, tmp->k);
		zb_ec_table(c, tmp->tab[1], p2, w);
	}
	zb_inf(r);
	for (i = (l1 > l2 ? l1 : l2) - 1; i >= 0; i--) {
		zb_ec_dbl(c, r, r);
		if (i < l1 && tmp->naf[0][i])
			zb_ec_add_digit(c, r, tmp->tab[0], tmp->naf[0][i]);
		if (i < l2 && tmp->naf[1][i])
			zb_ec_add_digit(c, r, tmp->tab[1], tmp->naf[1][i]);
		if (!(i & 31))
			zp_cond_resched();
	}
}

void zb_ec_mul(const struct zb_ec *c, struct zb_ecp *r, const zb_t *k, int nk, const struct zb_ecp *p,
	       struct zb_ec_tmp *tmp)
{
	zb_ec_mul2(c, r, k, p, NULL, NULL, nk, tmp);
}
