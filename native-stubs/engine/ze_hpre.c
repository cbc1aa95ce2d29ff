// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_hpre.c - the HPRE engine: one 64-byte SQE in, dw0 (done, etype,
 * etype1) and, for ECDSA/SM2 verify, dw6 bit 1 (verdict) out. Written from
 * the spec (hisi-sec-hpre-uacce.md §3, §5, §6):
 *  - dw0 alg [4:0]; dw1 task_len1 [7:0] = slot bytes / 8 - 1; key dw2-3,
 *    in dw4-5, out dw6-7; every operand big-endian, right-aligned in its
 *    slot; outputs in the same slot format;
 *  - qc_type 0 queues run alg 0x0-0x5 only, qc_type 1 queues the ECC algs
 *    only [inferred], ECC needs api 3 (§5);
 *  - RSA 0x0 (key e|d || n), CRT 0x1 (dq dp q p qinv, k/2 each), DH 0x4
 *    (g = 2) and 0x5 (key x || p, in g or y), ECC point multiply 0xD (key
 *    p a k b [n]), ECDSA sign 0xE / verify 0xF (§3.3 layouts, verify input
 *    e s r), SM2 sign 0x12 / verify 0x13 (same layouts, GB/T 32918.2
 *    formulas), X25519/X448 0x10 (key p a24 k, RFC 7748 ladder);
 *    key generation 0x2/0x3 and SM2 key generation/encryption are refused;
 *  - big numbers: ze_bn.c (portable, shared by both mocks).
 * etype values (no public table) are the stub's choice, ZE_HPRE_E_* below.
 */
#include "ze_core.h"
#include "ze_bn.h"

#define ZE_HPRE_E_ALG     0x1u   /* alg unknown/not emulated, wrong queue type, ECC on V2 */
#define ZE_HPRE_E_SIZE    0x2u   /* task_len1 not valid for the alg */
#define ZE_HPRE_E_RANGE   0x3u   /* even modulus, input >= modulus, d <= 1, point not on curve, u >= p */
#define ZE_HPRE_E_ADDR    0x4u   /* buffer unreachable (etype1 bit 5 = SVA error too) */
#define ZE_HPRE_E_NOMEM   0x5u

#define ZE_HPRE_ETYPE1_SVA (1u << 5)

#define HPRE_RSA      0x0
#define HPRE_RSA_CRT  0x1
#define HPRE_DH_G2    0x4
#define HPRE_DH       0x5
#define HPRE_ECC_MUL  0xD
#define HPRE_ECDSA_S  0xE
#define HPRE_ECDSA_V  0xF
#define HPRE_X_DH     0x10
#define HPRE_SM2_S    0x12
#define HPRE_SM2_V    0x13

#define ZE_HPRE_MAX_SLOT 512     /* RSA/DH 4096 bits */
#define ZE_HPRE_MAX_ECC  72      /* P-521, X448 */


/* Everything big lives here (kernel stacks are small). */
struct ze_hpre_job {
	struct ze_queue *q;
	unsigned int alg, etype, etype1, verdict;
	uint32_t ksz;                /* slot bytes */
	int n;                       /* limbs of a slot */
	uint64_t key, in, out;
	uint8_t kbuf[8 * ZE_HPRE_MAX_ECC + 5 * ZE_HPRE_MAX_SLOT / 2];
	uint8_t ibuf[3 * ZE_HPRE_MAX_SLOT], obuf[2 * ZE_HPRE_MAX_SLOT];
	struct zb_mont mp, mq;       /* modulus p (RSA, DH, CRT p, X25519/X448 field) and q / group order n */
	zb_t t[8][ZB_MAX];           /* operands */
	zb_t v[8][ZB_MAX];
	zb_t w[2 * ZB_MAX];
	struct zb_pow_tmp pow;
	struct zb_ec ec;             /* the curve of an ECC request */
	struct zb_ecp p1, p2, p3;
	struct zb_ec_tmp et;
};

static int hpre_fail(struct ze_hpre_job *j, unsigned int e, const char *why)
{
	j->q->stats.bad_req++;
	zp_info("q%u: HPRE alg 0x%x refused (etype 0x%x): %s", j->q->cfg.qn, j->alg, e, why);
	if (!j->etype)
		j->etype = e;
	return -1;
}

static int hpre_read(struct ze_hpre_job *j, uint64_t addr, void *dst, uint32_t len)
{
	if (!addr || j->q->cfg.mem->read(j->q->cfg.mem_ctx, addr, dst, len)) {
		j->q->stats.faults++;
		j->etype1 |= ZE_HPRE_ETYPE1_SVA;
		return hpre_fail(j, ZE_HPRE_E_ADDR, "key/in buffer unreachable");
	}
	return 0;
}

static int hpre_write(struct ze_hpre_job *j, uint32_t len)
{
	if (!j->out || j->q->cfg.mem->write(j->q->cfg.mem_ctx, j->out, j->obuf, len)) {
		j->q->stats.faults++;
		j->etype1 |= ZE_HPRE_ETYPE1_SVA;
		return hpre_fail(j, ZE_HPRE_E_ADDR, "out buffer unreachable");
	}
	return 0;
}

/* Slot i of a buffer of slots of sz bytes -> n limbs (zero above the value). */
static void slot(zb_t *r, int n, const uint8_t *buf, uint32_t sz, int i)
{
	zb_from_be(r, n, buf + (size_t)sz * i, sz);
}

/* Output slot i from the n low limbs of v. */
static void put(struct ze_hpre_job *j, int i, const zb_t *v, int n)
{
	zb_to_be(j->obuf + (size_t)j->ksz * i, j->ksz, v, n);
}

static void zero(zb_t *a)
{
	memset(a, 0, sizeof(zb_t) * ZB_MAX);
}

/* ------------------------------------------------------------ RSA / DH */

/* base^e mod m in the context c (initialised); r, base plain. */
static void hpre_pow(struct ze_hpre_job *j, struct zb_mont *c, zb_t *r, const zb_t *base, const zb_t *e, int ne)
{
	zb_to_mont(c, r, base);
	zb_mont_pow(c, r, r, e, ne, &j->pow);
	zb_from_mont(c, r, r);
}

static int hpre_modexp(struct ze_hpre_job *j, const uint8_t *exp, const uint8_t *mod,
		       const zb_t *base)
{
	int n = j->n;
	zb_t *e = j->t[0], *m = j->t[1], *x = j->t[2];

	slot(e, n, exp, j->ksz, 0);
	slot(m, n, mod, j->ksz, 0);
	if (zb_mont_init(&j->mp, m, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even modulus");
	if (zb_cmp(base, m, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "input >= modulus");
	if (zb_bits(e, n) <= 1)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "exponent <= 1");
	zero(x);
	hpre_pow(j, &j->mp, x, base, e, n);
	put(j, 0, x, j->mp.n);
	return hpre_write(j, j->ksz);
}

static int hpre_rsa_dh(struct ze_hpre_job *j)
{
	zb_t *base = j->t[3];
	uint32_t k = j->ksz;

	if (k < 8 || k > ZE_HPRE_MAX_SLOT)
		return hpre_fail(j, ZE_HPRE_E_SIZE, "operand size");
	if (hpre_read(j, j->key, j->kbuf, 2 * k))
		return -1;
	if (j->alg == HPRE_DH_G2) {
		zero(base);
		base[0] = 2;
	} else {
		if (hpre_read(j, j->in, j->ibuf, k))
			return -1;
		slot(base, j->n, j->ibuf, k, 0);
	}
	return hpre_modexp(j, j->kbuf, j->kbuf + k, base);
}

/* m1 = c^dp mod p, m2 = c^dq mod q, h = qinv (m1 - m2) mod p, m = m2 + h q. */
static int hpre_rsa_crt(struct ze_hpre_job *j)
{
	uint32_t k = j->ksz, h = k / 2;
	int n = j->n, hn = (int)(h + 7) / 8;
	zb_t *dq = j->t[0], *dp = j->t[1], *q = j->t[2], *p = j->t[3], *qinv = j->t[4];
	zb_t *c = j->t[5], *m1 = j->t[6], *m2 = j->t[7], *x = j->v[0];

	if (k < 16 || k > ZE_HPRE_MAX_SLOT || (h & 7))
		return hpre_fail(j, ZE_HPRE_E_SIZE, "operand size");
	if (hpre_read(j, j->key, j->kbuf, 5 * h) || hpre_read(j, j->in, j->ibuf, k))
		return -1;
	slot(dq, hn, j->kbuf, h, 0);
	slot(dp, hn, j->kbuf, h, 1);
	slot(q, hn, j->kbuf, h, 2);
	slot(p, hn, j->kbuf, h, 3);
	slot(qinv, hn, j->kbuf, h, 4);
	slot(c, n, j->ibuf, k, 0);
	if (zb_mont_init(&j->mp, p, hn) || zb_mont_init(&j->mq, q, hn))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even prime factor");
	if (zb_bits(dp, hn) <= 1 || zb_bits(dq, hn) <= 1)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "CRT exponent <= 1");
	zb_mul(j->w, p, hn, q, hn);
	if (zb_cmp(c, j->w, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "input >= modulus");
	zero(m1);
	zero(m2);
	zero(x);
	zb_mod_mont(&j->mp, x, c, n);
	hpre_pow(j, &j->mp, m1, x, dp, hn);
	zb_mod_mont(&j->mq, x, c, n);
	hpre_pow(j, &j->mq, m2, x, dq, hn);
	/* h = qinv (m1 - (m2 mod p)) mod p (q may exceed p) */
	zb_mod_mont(&j->mp, x, m2, j->mq.n);
	zb_mod_sub(&j->mp, m1, m1, x);
	zb_mod_mont(&j->mp, x, qinv, hn);
	zb_to_mont(&j->mp, m1, m1);
	zb_mont_mul(&j->mp, m1, m1, x);         /* = qinv (m1 - m2) mod p, plain */
	zb_mul(j->w, m1, hn, q, hn);
	zero(c);
	memcpy(c, m2, sizeof(zb_t) * (size_t)hn);
	zb_add(j->w, j->w, c, n);
	put(j, 0, j->w, n);
	return hpre_write(j, k);
}

/* ------------------------------------------------------------ ECC */

/* Curve: p from key slot 0, a from slot 1, b from slot ib; checked, then j->ec. */
static int curve_init(struct ze_hpre_job *j, int ib)
{
	int n = j->n;
	zb_t *p = j->t[0], *a = j->t[1], *b = j->t[2];

	slot(p, n, j->kbuf, j->ksz, 0);
	slot(a, n, j->kbuf, j->ksz, 1);
	slot(b, n, j->kbuf, j->ksz, ib);
	if (zb_bits(p, n) < 3 || !(p[0] & 1))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even or tiny field prime");
	if (zb_cmp(a, p, n) >= 0 || zb_cmp(b, p, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "curve coefficient >= p");
	if (zb_ec_init(&j->ec, p, a, b, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "field prime");
	return 0;
}

/* Affine point from key/in slots (x, y) -> r, checked on the curve. */
static int pt_load(struct ze_hpre_job *j, struct zb_ecp *r, const uint8_t *buf, int ix)
{
	zb_t *x = j->t[3], *y = j->t[4];
	int n = j->n;

	slot(x, n, buf, j->ksz, ix);
	slot(y, n, buf, j->ksz, ix + 1);
	if (zb_cmp(x, j->ec.f.m, n) >= 0 || zb_cmp(y, j->ec.f.m, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "coordinate >= p");
	if (zb_ec_load(&j->ec, r, x, y))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "point not on the curve");
	return 0;
}

static int order_init(struct ze_hpre_job *j, int in)
{
	zb_t *o = j->t[0];

	slot(o, j->n, j->kbuf, j->ksz, in);
	if (zb_bits(o, j->n) < 2 || zb_mont_init(&j->mq, o, j->n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even group order");
	return 0;
}

static int hpre_ecc_mul(struct ze_hpre_job *j)
{
	int n = j->n;
	zb_t *x = j->v[0], *y = j->v[1], *k = j->v[2];

	if (hpre_read(j, j->key, j->kbuf, 4 * j->ksz) || hpre_read(j, j->in, j->ibuf, 2 * j->ksz))
		return -1;
	if (curve_init(j, 3) || pt_load(j, &j->p1, j->ibuf, 0))
		return -1;
	slot(k, n, j->kbuf, j->ksz, 2);
	if (zb_is_zero(k, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "scalar 0");
	zb_ec_mul(&j->ec, &j->p2, k, n, &j->p1, &j->et);
	zero(x);
	zero(y);
	if (zb_ec_affine(&j->ec, &j->p2, x, y))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "result at infinity");
	put(j, 0, x, j->ec.f.n);
	put(j, 1, y, j->ec.f.n);
	return hpre_write(j, 2 * j->ksz);
}

/* Scalar arithmetic mod the group order (j->mq), plain values (< n) in and out. */
static void nmul(struct ze_hpre_job *j, zb_t *r, const zb_t *a, const zb_t *b)
{
	zb_t *x = j->t[0];

	zb_to_mont(&j->mq, x, a);
	zb_mont_mul(&j->mq, r, x, b);   /* a R * b / R = a b */
}

static void ninv(struct ze_hpre_job *j, zb_t *r, const zb_t *a)
{
	zb_t *x = j->t[0];

	zb_to_mont(&j->mq, x, a);
	zb_mont_inv(&j->mq, x, x);
	zb_from_mont(&j->mq, r, x);
}

/* ECDSA / SM2 sign: key p a d b n Gx Gy, in e k, out r s. */
static int hpre_sign(struct ze_hpre_job *j, int sm2)
{
	int n = j->n, on;
	zb_t *e = j->v[0], *k = j->v[1], *d = j->v[2], *x = j->v[3], *y = j->v[4], *r = j->v[5];
	zb_t *s = j->v[6], *raw = j->v[7];

	if (hpre_read(j, j->key, j->kbuf, 7 * j->ksz) || hpre_read(j, j->in, j->ibuf, 2 * j->ksz))
		return -1;
	if (curve_init(j, 3) || order_init(j, 4) || pt_load(j, &j->p1, j->kbuf, 5))
		return -1;
	on = j->mq.n;
	slot(d, n, j->kbuf, j->ksz, 2);
	slot(raw, n, j->ibuf, j->ksz, 0);
	zero(e);
	zb_mod_mont(&j->mq, e, raw, n);
	slot(k, n, j->ibuf, j->ksz, 1);
	if (zb_bits(d, n) <= 1 || zb_cmp(d, j->mq.m, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "private key d <= 1 or >= n");
	if (zb_is_zero(k, n) || zb_cmp(k, j->mq.m, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "k = 0 or k >= n");
	zb_ec_mul(&j->ec, &j->p2, k, on, &j->p1, &j->et);
	zero(x);
	zero(y);
	if (zb_ec_affine(&j->ec, &j->p2, x, y))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "k G at infinity");
	zero(r);
	zero(s);
	zb_mod_mont(&j->mq, r, x, j->ec.f.n);
	if (sm2) {
		/* r = (e + x1) mod n; s = (1 + d)^-1 (k - r d) mod n */
		zb_mod_add(&j->mq, r, r, e);
		zb_mod_add(&j->mq, x, r, k);
		if (zb_is_zero(r, on) || zb_is_zero(x, on))
			return hpre_fail(j, ZE_HPRE_E_RANGE, "r = 0 or r + k = n");
		nmul(j, s, r, d);
		zb_mod_sub(&j->mq, s, k, s);
		zero(y);
		y[0] = 1;
		zb_mod_add(&j->mq, y, y, d);
		ninv(j, y, y);
		nmul(j, s, s, y);
	} else {
		/* s = k^-1 (e + r d) mod n */
		if (zb_is_zero(r, on))
			return hpre_fail(j, ZE_HPRE_E_RANGE, "r = 0");
		nmul(j, s, r, d);
		zb_mod_add(&j->mq, s, s, e);
		ninv(j, y, k);
		nmul(j, s, s, y);
	}
	if (zb_is_zero(s, on))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "s = 0");
	put(j, 0, r, on);
	put(j, 1, s, on);
	return hpre_write(j, 2 * j->ksz);
}

/* ECDSA / SM2 verify: key p a b n Gx Gy Px Py, in e s r; verdict only. */
static int hpre_verify(struct ze_hpre_job *j, int sm2)
{
	int n = j->n, on;
	zb_t *e = j->v[0], *s = j->v[1], *r = j->v[2], *x = j->v[3], *y = j->v[4], *u1 = j->v[5];
	zb_t *u2 = j->v[6], *raw = j->v[7];

	if (hpre_read(j, j->key, j->kbuf, 8 * j->ksz) || hpre_read(j, j->in, j->ibuf, 3 * j->ksz))
		return -1;
	if (curve_init(j, 2) || order_init(j, 3) || pt_load(j, &j->p1, j->kbuf, 4) || pt_load(j, &j->p2, j->kbuf, 6))
		return -1;
	on = j->mq.n;
	slot(raw, n, j->ibuf, j->ksz, 0);
	zero(e);
	zb_mod_mont(&j->mq, e, raw, n);
	slot(s, n, j->ibuf, j->ksz, 1);
	slot(r, n, j->ibuf, j->ksz, 2);
	j->verdict = 0;
	if (zb_is_zero(r, n) || zb_is_zero(s, n) || zb_cmp(r, j->mq.m, n) >= 0 || zb_cmp(s, j->mq.m, n) >= 0)
		return 0;
	zero(u1);
	zero(u2);
	if (sm2) {
		/* t = r + s mod n (t != 0); (x1, y1) = s G + t P; valid iff (e + x1) mod n = r */
		memcpy(u1, s, sizeof(zb_t) * ZB_MAX);
		zb_mod_add(&j->mq, u2, r, s);
		if (zb_is_zero(u2, on))
			return 0;
	} else {
		/* w = s^-1; u1 = e w, u2 = r w; valid iff (u1 G + u2 P).x mod n = r */
		zero(x);
		ninv(j, x, s);
		nmul(j, u1, e, x);
		nmul(j, u2, r, x);
	}
	zb_ec_mul2(&j->ec, &j->p3, u1, &j->p1, u2, &j->p2, on, &j->et);
	zero(x);
	zero(y);
	if (zb_ec_affine(&j->ec, &j->p3, x, y))
		return 0;
	zero(u1);
	zb_mod_mont(&j->mq, u1, x, j->ec.f.n);
	if (sm2)
		zb_mod_add(&j->mq, u1, u1, e);
	j->verdict = !zb_cmp(u1, r, n);
	return 0;
}

/* X25519 / X448 (RFC 7748 §5): key p a24 k, in u, out u. */
static int hpre_xdh(struct ze_hpre_job *j)
{
	int n = j->n, t, swap = 0, bits, fn;
	zb_t *x1 = j->t[0], *x2 = j->t[1], *z2 = j->t[2], *x3 = j->t[3], *z3 = j->t[4];
	zb_t *A = j->t[5], *B = j->t[6], *C = j->t[7], *D = j->w, *E = j->w + ZB_MAX;
	zb_t *AA = j->v[0], *BB = j->v[1], *DA = j->v[2], *CB = j->v[3], *a24 = j->v[4], *k = j->v[5];
	zb_t *p = j->v[6], *u = j->v[7];
	const struct zb_mont *F = &j->mp;
	size_t sz;

	if (hpre_read(j, j->key, j->kbuf, 3 * j->ksz) || hpre_read(j, j->in, j->ibuf, j->ksz))
		return -1;
	slot(p, n, j->kbuf, j->ksz, 0);
	if (zb_bits(p, n) < 3 || zb_mont_init(&j->mp, p, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even or tiny field prime");
	slot(A, n, j->kbuf, j->ksz, 1);
	slot(k, n, j->kbuf, j->ksz, 2);
	slot(u, n, j->ibuf, j->ksz, 0);
	if (zb_is_zero(u, n) || zb_cmp(u, p, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "u = 0 or u >= p");
	if (zb_cmp(A, p, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "a24 >= p");
	fn = F->n;
	sz = sizeof(zb_t) * (size_t)fn;
	zb_to_mont(F, a24, A);
	zb_to_mont(F, x1, u);
	memcpy(x2, F->one, sz);
	memset(z2, 0, sz);
	memcpy(x3, x1, sz);
	memcpy(z3, F->one, sz);
	bits = zb_bits(p, n);
	for (t = bits - 1; t >= 0; t--) {
		int kt = (int)((k[t / 64] >> (t % 64)) & 1);
		zb_t *tmp;

		swap ^= kt;
		if (swap) {
			tmp = x2; x2 = x3; x3 = tmp;
			tmp = z2; z2 = z3; z3 = tmp;
		}
		swap = kt;
		zb_mod_add(F, A, x2, z2);
		zb_mont_sqr(F, AA, A);
		zb_mod_sub(F, B, x2, z2);
		zb_mont_sqr(F, BB, B);
		zb_mod_sub(F, E, AA, BB);
		zb_mod_add(F, C, x3, z3);
		zb_mod_sub(F, D, x3, z3);
		zb_mont_mul(F, DA, D, A);
		zb_mont_mul(F, CB, C, B);
		zb_mod_add(F, x3, DA, CB);
		zb_mont_sqr(F, x3, x3);
		zb_mod_sub(F, z3, DA, CB);
		zb_mont_sqr(F, z3, z3);
		zb_mont_mul(F, z3, z3, x1);
		zb_mont_mul(F, x2, AA, BB);
		zb_mont_mul(F, z2, a24, E);
		zb_mod_add(F, z2, z2, AA);
		zb_mont_mul(F, z2, z2, E);
		if (!(t & 31))
			zp_cond_resched();
	}
	if (swap) {
		x2 = x3;
		z2 = z3;
	}
	zb_mont_inv(F, A, z2);                  /* z2 = 0 gives 0: the all-zero output */
	zb_mont_mul(F, x2, x2, A);
	zb_from_mont(F, x2, x2);
	put(j, 0, x2, fn);
	return hpre_write(j, j->ksz);
}

/* ------------------------------------------------------------ dispatch */

static int hpre_is_ecc(unsigned int alg)
{
	return alg >= 0xB && alg <= 0x15;
}

static void hpre_run(struct ze_hpre_job *j)
{
	unsigned int alg = j->alg;

	if (alg > 0x15 || (alg >= 0x6 && alg <= 0xC))
		return (void)hpre_fail(j, ZE_HPRE_E_ALG, "alg not used by UADK/kernel, not emulated");
	if (hpre_is_ecc(alg) ? j->q->dir != 1 : j->q->dir != 0)
		return (void)hpre_fail(j, ZE_HPRE_E_ALG, "alg does not match the queue type (qc_type)");
	if (hpre_is_ecc(alg) && j->q->cfg.api < 3)
		return (void)hpre_fail(j, ZE_HPRE_E_ALG, "ECC needs a V3 device");
	if (hpre_is_ecc(alg) && (j->ksz < 8 || j->ksz > ZE_HPRE_MAX_ECC))
		return (void)hpre_fail(j, ZE_HPRE_E_SIZE, "ECC slot larger than 72 bytes");
	switch (alg) {
	case HPRE_RSA:
	case HPRE_DH_G2:
	case HPRE_DH:
		hpre_rsa_dh(j);
		break;
	case HPRE_RSA_CRT:
		hpre_rsa_crt(j);
		break;
	case HPRE_ECC_MUL:
		hpre_ecc_mul(j);
		break;
	case HPRE_ECDSA_S:
	case HPRE_SM2_S:
		hpre_sign(j, alg == HPRE_SM2_S);
		break;
	case HPRE_ECDSA_V:
	case HPRE_SM2_V:
		hpre_verify(j, alg == HPRE_SM2_V);
		break;
	case HPRE_X_DH:
		hpre_xdh(j);
		break;
	default:
		hpre_fail(j, ZE_HPRE_E_ALG, "key generation / SM2 encryption not emulated");
	}
}

static uint32_t hpre_ld32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void hpre_st32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void ze_hpre_process(struct ze_queue *q, uint8_t *sqe)
{
	uint32_t dw0 = hpre_ld32(sqe), dw1 = hpre_ld32(sqe + 4), dw6 = hpre_ld32(sqe + 24);
	struct ze_hpre_job *j = zp_alloc(sizeof(*j));
	unsigned int etype, etype1 = 0;

	if (!j) {
		etype = ZE_HPRE_E_NOMEM;
	} else {
		j->q = q;
		j->alg = dw0 & 0x1F;
		j->ksz = ((dw1 & 0xFF) + 1) * 8;
		j->n = (int)(j->ksz + 7) / 8;
		j->key = hpre_ld32(sqe + 8) | (uint64_t)hpre_ld32(sqe + 12) << 32;
		j->in = hpre_ld32(sqe + 16) | (uint64_t)hpre_ld32(sqe + 20) << 32;
		j->out = dw6 | (uint64_t)hpre_ld32(sqe + 28) << 32;
		if (j->ksz > ZE_HPRE_MAX_SLOT)
			hpre_fail(j, ZE_HPRE_E_SIZE, "task_len1 beyond 4096-bit operands");
		else
			hpre_run(j);
		etype = j->etype;
		etype1 = j->etype1;
		if (j->alg == HPRE_ECDSA_V || j->alg == HPRE_SM2_V)
			dw6 = (dw6 & ~2u) | (!etype && j->verdict ? 2u : 0);
		zp_free(j);
	}
	dw0 = (dw0 & 0x1F) | (etype & 0x7FF) << 5 | (etype1 & 0x3FFF) << 16 | 3u << 30;
	hpre_st32(sqe, dw0);
	hpre_st32(sqe + 24, dw6);
}
