// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_bn.c - fixed-size big numbers for the HPRE engine (ze_bn.h).
 */
#include "ze_bn.h"

typedef unsigned __int128 zb_dt;

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

/* r = x mod m, one bit at a time (r = 2r + bit; r -= m when r >= m). */
void zb_mod(zb_t *r, const zb_t *x, int nx, const zb_t *m, int n)
{
	int bit;

	memset(r, 0, sizeof(zb_t) * (size_t)n);
	for (bit = zb_bits(x, nx) - 1; bit >= 0; bit--) {
		zb_t top = r[n - 1] >> 63;
		int i;

		for (i = n - 1; i > 0; i--)
			r[i] = r[i] << 1 | r[i - 1] >> 63;
		r[0] = r[0] << 1 | ((x[bit / 64] >> (bit % 64)) & 1);
		if (top || zb_cmp(r, m, n) >= 0)
			zb_sub(r, r, m, n);
	}
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

int zb_mont_init(struct zb_mont *c, const zb_t *m, int n)
{
	zb_t x = 1, *two = c->r2;
	int i;

	if (n < 1 || n > ZB_MAX || !(m[0] & 1))
		return -1;
	memset(c, 0, sizeof(*c));
	c->n = n;
	memcpy(c->m, m, sizeof(zb_t) * (size_t)n);
	for (i = 0; i < 6; i++)         /* Newton: x = m0^-1 mod 2^64 */
		x *= 2 - m[0] * x;
	c->minv = (zb_t)0 - x;
	/* R mod m and R^2 mod m by doubling 1 (64 n and 128 n times). */
	memset(two, 0, sizeof(c->r2));
	two[0] = 1;
	if (zb_cmp(two, c->m, n) >= 0)      /* m = 1 */
		memset(two, 0, sizeof(c->r2));
	for (i = 0; i < 128 * n; i++) {
		zb_t carry = zb_add(two, two, two, n);

		if (carry || zb_cmp(two, c->m, n) >= 0)
			zb_sub(two, two, c->m, n);
		if (i == 64 * n - 1)
			memcpy(c->one, two, sizeof(zb_t) * (size_t)n);
	}
	return 0;
}

/* CIOS Montgomery product r = a b R^-1 mod m (a, b < m; r may alias). */
void zb_mont_mul(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	zb_t t[ZB_MAX + 2];
	int n = c->n, i, j;

	memset(t, 0, sizeof(zb_t) * (size_t)(n + 2));
	for (i = 0; i < n; i++) {
		zb_t carry = 0, u;
		zb_dt s;

		for (j = 0; j < n; j++) {
			s = (zb_dt)a[j] * b[i] + t[j] + carry;
			t[j] = (zb_t)s;
			carry = (zb_t)(s >> 64);
		}
		s = (zb_dt)t[n] + carry;
		t[n] = (zb_t)s;
		t[n + 1] = (zb_t)(s >> 64);
		u = t[0] * c->minv;
		s = (zb_dt)u * c->m[0] + t[0];
		carry = (zb_t)(s >> 64);
		for (j = 1; j < n; j++) {
			s = (zb_dt)u * c->m[j] + t[j] + carry;
			t[j - 1] = (zb_t)s;
			carry = (zb_t)(s >> 64);
		}
		s = (zb_dt)t[n] + carry;
		t[n - 1] = (zb_t)s;
		t[n] = t[n + 1] + (zb_t)(s >> 64);
	}
	if (t[n] || zb_cmp(t, c->m, n) >= 0)
		zb_sub(t, t, c->m, n);
	memcpy(r, t, sizeof(zb_t) * (size_t)n);
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

/* Left-to-right square and multiply. */
void zb_mont_pow(const struct zb_mont *c, zb_t *r, const zb_t *base, const zb_t *e, int ne)
{
	zb_t acc[ZB_MAX], b[ZB_MAX];
	int bit, n = c->n;

	memcpy(b, base, sizeof(zb_t) * (size_t)n);
	memcpy(acc, c->one, sizeof(zb_t) * (size_t)n);
	for (bit = zb_bits(e, ne) - 1; bit >= 0; bit--) {
		zb_mont_mul(c, acc, acc, acc);
		if ((e[bit / 64] >> (bit % 64)) & 1)
			zb_mont_mul(c, acc, acc, b);
		if (!(bit & 63))
			zp_cond_resched();
	}
	memcpy(r, acc, sizeof(zb_t) * (size_t)n);
}

void zb_mod_add(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	zb_t carry = zb_add(r, a, b, c->n);

	if (carry || zb_cmp(r, c->m, c->n) >= 0)
		zb_sub(r, r, c->m, c->n);
}

void zb_mod_sub(const struct zb_mont *c, zb_t *r, const zb_t *a, const zb_t *b)
{
	if (zb_sub(r, a, b, c->n))
		zb_add(r, r, c->m, c->n);
}

void zb_mont_inv(const struct zb_mont *c, zb_t *r, const zb_t *a)
{
	zb_t e[ZB_MAX], two[ZB_MAX];

	memset(two, 0, sizeof(zb_t) * (size_t)c->n);
	two[0] = 2;
	zb_sub(e, c->m, two, c->n);
	zb_mont_pow(c, r, a, e, c->n);
}
