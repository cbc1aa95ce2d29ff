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

struct ze_pt { zb_t x[ZB_MAX], y[ZB_MAX], z[ZB_MAX]; };   /* Jacobian, Montgomery form */

/* Everything big lives here (kernel stacks are small). */
struct ze_hpre_job {
	struct ze_queue *q;
	unsigned int alg, etype, etype1, verdict;
	uint32_t ksz;                /* slot bytes */
	int n;                       /* limbs of a slot */
	uint64_t key, in, out;
	uint8_t kbuf[8 * ZE_HPRE_MAX_ECC + 5 * ZE_HPRE_MAX_SLOT / 2];
	uint8_t ibuf[3 * ZE_HPRE_MAX_SLOT], obuf[2 * ZE_HPRE_MAX_SLOT];
	struct zb_mont mp, mq;       /* modulus (p) and second modulus / group order (n) */
	zb_t t[8][ZB_MAX];           /* scratch of the point/field helpers */
	zb_t v[8][ZB_MAX];           /* scratch of the operations */
	zb_t w[2 * ZB_MAX];
	struct ze_pt p1, p2, p3;
	zb_t a[ZB_MAX], b[ZB_MAX];   /* curve coefficients, Montgomery form */
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

/* Slot i of a buffer of slots of sz bytes -> limbs. */
static void slot(zb_t *r, int n, const uint8_t *buf, uint32_t sz, int i)
{
	zb_from_be(r, n, buf + (size_t)sz * i, sz);
}

static void put(struct ze_hpre_job *j, int i, const zb_t *v, int n)
{
	zb_to_be(j->obuf + (size_t)j->ksz * i, j->ksz, v, n);
}

/* ------------------------------------------------------------ RSA / DH */

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
	zb_to_mont(&j->mp, x, base);
	zb_mont_pow(&j->mp, x, x, e, n);
	zb_from_mont(&j->mp, x, x);
	put(j, 0, x, n);
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
		memset(base, 0, sizeof(zb_t) * ZB_MAX);
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
	zb_t *c = j->t[5], *m1 = j->t[6], *m2 = j->t[7];

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
	zb_mod(m1, c, n, p, hn);
	zb_to_mont(&j->mp, m1, m1);
	zb_mont_pow(&j->mp, m1, m1, dp, hn);
	zb_from_mont(&j->mp, m1, m1);
	zb_mod(m2, c, n, q, hn);
	zb_to_mont(&j->mq, m2, m2);
	zb_mont_pow(&j->mq, m2, m2, dq, hn);
	zb_from_mont(&j->mq, m2, m2);
	/* h = qinv (m1 - m2 mod p) mod p; m2 mod p first (q may exceed p) */
	zb_mod(c, m2, hn, p, hn);
	zb_mod_sub(&j->mp, m1, m1, c);
	zb_mod(c, qinv, hn, p, hn);
	zb_to_mont(&j->mp, m1, m1);
	zb_mont_mul(&j->mp, m1, m1, c);         /* = qinv (m1 - m2) mod p, plain */
	zb_mul(j->w, m1, hn, q, hn);
	memset(c, 0, sizeof(zb_t) * ZB_MAX);
	memcpy(c, m2, sizeof(zb_t) * (size_t)hn);
	zb_add(j->w, j->w, c, n);
	put(j, 0, j->w, n);
	return hpre_write(j, k);
}

/* ------------------------------------------------------------ ECC */

#define F (&j->mp)

/* r = 2 p; r may alias p (p is read before r is written). */
static void pt_dbl(struct ze_hpre_job *j, struct ze_pt *r, const struct ze_pt *p)
{
	zb_t *s = j->t[0], *m = j->t[1], *yy = j->t[2], *u = j->t[3], *v = j->t[4];

	if (zb_is_zero(p->z, F->n) || zb_is_zero(p->y, F->n)) {
		memset(r->z, 0, sizeof(r->z));
		return;
	}
	zb_mont_mul(F, yy, p->y, p->y);                 /* Y^2 */
	zb_mont_mul(F, s, p->x, yy);
	zb_mod_add(F, s, s, s);
	zb_mod_add(F, s, s, s);                         /* S = 4 X Y^2 */
	zb_mont_mul(F, u, p->x, p->x);
	zb_mod_add(F, m, u, u);
	zb_mod_add(F, m, m, u);                         /* 3 X^2 */
	zb_mont_mul(F, v, p->z, p->z);
	zb_mont_mul(F, v, v, v);
	zb_mont_mul(F, v, v, j->a);
	zb_mod_add(F, m, m, v);                         /* M = 3 X^2 + a Z^4 */
	zb_mont_mul(F, r->z, p->y, p->z);
	zb_mod_add(F, r->z, r->z, r->z);                /* Z3 = 2 Y Z */
	zb_mont_mul(F, u, m, m);
	zb_mod_sub(F, u, u, s);
	zb_mod_sub(F, u, u, s);                         /* X3 = M^2 - 2 S */
	zb_mod_sub(F, s, s, u);
	zb_mont_mul(F, s, s, m);                        /* M (S - X3) */
	zb_mont_mul(F, yy, yy, yy);
	zb_mod_add(F, yy, yy, yy);
	zb_mod_add(F, yy, yy, yy);
	zb_mod_add(F, yy, yy, yy);                      /* 8 Y^4 */
	zb_mod_sub(F, r->y, s, yy);
	memcpy(r->x, u, sizeof(r->x));
}

/* r = p + q; r may alias p or q. */
static void pt_add(struct ze_hpre_job *j, struct ze_pt *r, const struct ze_pt *p, const struct ze_pt *q)
{
	zb_t *u1 = j->t[5], *u2 = j->t[6], *s1 = j->t[7], *s2 = j->w, *h = j->w + ZB_MAX;
	zb_t *z = j->t[0], *hh = j->t[1], *hhh = j->t[2], *x3 = j->t[3];
	int n = F->n;

	if (zb_is_zero(p->z, n)) {
		*r = *q;
		return;
	}
	if (zb_is_zero(q->z, n)) {
		*r = *p;
		return;
	}
	zb_mont_mul(F, z, q->z, q->z);
	zb_mont_mul(F, u1, p->x, z);
	zb_mont_mul(F, z, z, q->z);
	zb_mont_mul(F, s1, p->y, z);
	zb_mont_mul(F, z, p->z, p->z);
	zb_mont_mul(F, u2, q->x, z);
	zb_mont_mul(F, z, z, p->z);
	zb_mont_mul(F, s2, q->y, z);
	if (!zb_cmp(u1, u2, n)) {
		if (zb_cmp(s1, s2, n))
			memset(r->z, 0, sizeof(r->z));
		else
			pt_dbl(j, r, p);
		return;
	}
	zb_mod_sub(F, h, u2, u1);                       /* H */
	zb_mod_sub(F, s2, s2, s1);                      /* R */
	zb_mont_mul(F, hh, h, h);
	zb_mont_mul(F, hhh, hh, h);
	zb_mont_mul(F, u1, u1, hh);                     /* U1 H^2 */
	zb_mont_mul(F, x3, s2, s2);
	zb_mod_sub(F, x3, x3, hhh);
	zb_mod_sub(F, x3, x3, u1);
	zb_mod_sub(F, x3, x3, u1);                      /* X3 = R^2 - H^3 - 2 U1 H^2 */
	zb_mont_mul(F, z, p->z, q->z);
	zb_mont_mul(F, r->z, z, h);                     /* Z3 = H Z1 Z2 */
	zb_mod_sub(F, u1, u1, x3);
	zb_mont_mul(F, u1, u1, s2);
	zb_mont_mul(F, hhh, hhh, s1);
	zb_mod_sub(F, r->y, u1, hhh);                   /* Y3 = R (U1 H^2 - X3) - S1 H^3 */
	memcpy(r->x, x3, sizeof(r->x));
}

/* r = k p (double and add from the top bit); r must not alias p. */
static void pt_mul(struct ze_hpre_job *j, struct ze_pt *r, const zb_t *k, int nk, const struct ze_pt *p)
{
	int bit;

	memset(r, 0, sizeof(*r));
	for (bit = zb_bits(k, nk) - 1; bit >= 0; bit--) {
		pt_dbl(j, r, r);
		if ((k[bit / 64] >> (bit % 64)) & 1)
			pt_add(j, r, r, p);
		if (!(bit & 31))
			zp_cond_resched();
	}
}

/* Affine plain coordinates of r into x, y; -1 at infinity. */
static int pt_affine(struct ze_hpre_job *j, const struct ze_pt *r, zb_t *x, zb_t *y)
{
	zb_t *zi = j->t[4], *z2 = j->t[5];

	if (zb_is_zero(r->z, F->n))
		return -1;
	zb_mont_inv(F, zi, r->z);
	zb_mont_mul(F, z2, zi, zi);
	zb_mont_mul(F, x, r->x, z2);
	zb_mont_mul(F, z2, z2, zi);
	zb_mont_mul(F, y, r->y, z2);
	zb_from_mont(F, x, x);
	zb_from_mont(F, y, y);
	return 0;
}

/* Affine plain (x, y) -> Jacobian Montgomery point, checked on the curve. */
static int pt_load(struct ze_hpre_job *j, struct ze_pt *r, const zb_t *x, const zb_t *y)
{
	zb_t *l = j->t[0], *rr = j->t[1];
	int n = F->n;

	if (zb_cmp(x, F->m, n) >= 0 || zb_cmp(y, F->m, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "coordinate >= p");
	zb_to_mont(F, r->x, x);
	zb_to_mont(F, r->y, y);
	memcpy(r->z, F->one, sizeof(r->z));
	zb_mont_mul(F, l, r->y, r->y);                  /* y^2 */
	zb_mont_mul(F, rr, r->x, r->x);
	zb_mod_add(F, rr, rr, j->a);
	zb_mont_mul(F, rr, rr, r->x);
	zb_mod_add(F, rr, rr, j->b);                    /* x^3 + a x + b */
	if (zb_cmp(l, rr, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "point not on the curve");
	return 0;
}

/* Field p from key slot 0, a from slot 1, b from slot ib. */
static int curve_init(struct ze_hpre_job *j, int ib)
{
	int n = j->n;
	zb_t *p = j->t[0];

	slot(p, n, j->kbuf, j->ksz, 0);
	if (zb_bits(p, n) < 3 || zb_mont_init(&j->mp, p, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "even or tiny field prime");
	slot(j->t[1], n, j->kbuf, j->ksz, 1);
	slot(j->t[2], n, j->kbuf, j->ksz, ib);
	if (zb_cmp(j->t[1], p, n) >= 0 || zb_cmp(j->t[2], p, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "curve coefficient >= p");
	zb_to_mont(F, j->a, j->t[1]);
	zb_to_mont(F, j->b, j->t[2]);
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
	zb_t *x = j->v[0], *y = j->v[1];

	if (hpre_read(j, j->key, j->kbuf, 4 * j->ksz) || hpre_read(j, j->in, j->ibuf, 2 * j->ksz))
		return -1;
	if (curve_init(j, 3))
		return -1;
	slot(x, n, j->ibuf, j->ksz, 0);
	slot(y, n, j->ibuf, j->ksz, 1);
	if (pt_load(j, &j->p1, x, y))
		return -1;
	slot(x, n, j->kbuf, j->ksz, 2);     /* k */
	if (zb_is_zero(x, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "scalar 0");
	pt_mul(j, &j->p2, x, n, &j->p1);
	if (pt_affine(j, &j->p2, x, y))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "result at infinity");
	put(j, 0, x, n);
	put(j, 1, y, n);
	return hpre_write(j, 2 * j->ksz);
}

/* Scalar arithmetic mod the group order (j->mq), plain values in and out. */
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
	int n = j->n;
	zb_t *e = j->v[0], *k = j->v[1], *d = j->v[2], *x = j->v[3], *y = j->v[4], *r = j->v[5];
	zb_t *s = j->v[6];
	const zb_t *on;

	if (hpre_read(j, j->key, j->kbuf, 7 * j->ksz) || hpre_read(j, j->in, j->ibuf, 2 * j->ksz))
		return -1;
	if (curve_init(j, 3) || order_init(j, 4))
		return -1;
	on = j->mq.m;
	slot(x, n, j->kbuf, j->ksz, 5);
	slot(y, n, j->kbuf, j->ksz, 6);
	if (pt_load(j, &j->p1, x, y))
		return -1;
	slot(d, n, j->kbuf, j->ksz, 2);
	slot(x, n, j->ibuf, j->ksz, 0);
	zb_mod(e, x, n, on, n);
	slot(k, n, j->ibuf, j->ksz, 1);
	if (zb_bits(d, n) <= 1 || zb_cmp(d, on, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "private key d <= 1 or >= n");
	if (zb_is_zero(k, n) || zb_cmp(k, on, n) >= 0)
		return hpre_fail(j, ZE_HPRE_E_RANGE, "k = 0 or k >= n");
	pt_mul(j, &j->p2, k, n, &j->p1);
	if (pt_affine(j, &j->p2, x, y))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "k G at infinity");
	zb_mod(r, x, n, on, n);
	if (sm2) {
		/* r = (e + x1) mod n; s = (1 + d)^-1 (k - r d) mod n */
		zb_mod_add(&j->mq, r, r, e);
		zb_mod_add(&j->mq, x, r, k);
		if (zb_is_zero(r, n) || zb_is_zero(x, n))
			return hpre_fail(j, ZE_HPRE_E_RANGE, "r = 0 or r + k = n");
		nmul(j, s, r, d);
		zb_mod_sub(&j->mq, s, k, s);
		memset(y, 0, sizeof(zb_t) * ZB_MAX);
		y[0] = 1;
		zb_mod_add(&j->mq, y, y, d);
		ninv(j, y, y);
		nmul(j, s, s, y);
	} else {
		/* s = k^-1 (e + r d) mod n */
		if (zb_is_zero(r, n))
			return hpre_fail(j, ZE_HPRE_E_RANGE, "r = 0");
		nmul(j, s, r, d);
		zb_mod_add(&j->mq, s, s, e);
		ninv(j, y, k);
		nmul(j, s, s, y);
	}
	if (zb_is_zero(s, n))
		return hpre_fail(j, ZE_HPRE_E_RANGE, "s = 0");
	put(j, 0, r, n);
	put(j, 1, s, n);
	return hpre_write(j, 2 * j->ksz);
}

/* ECDSA / SM2 verify: key p a b n Gx Gy Px Py, in e s r; verdict only. */
static int hpre_verify(struct ze_hpre_job *j, int sm2)
{
	int n = j->n;
	zb_t *e = j->v[0], *s = j->v[1], *r = j->v[2], *x = j->v[3], *y = j->v[4], *u1 = j->v[5];
	zb_t *u2 = j->v[6];
	const zb_t *on;

	if (hpre_read(j, j->key, j->kbuf, 8 * j->ksz) || hpre_read(j, j->in, j->ibuf, 3 * j->ksz))
		return -1;
	if (curve_init(j, 2) || order_init(j, 3))
		return -1;
	on = j->mq.m;
	slot(x, n, j->kbuf, j->ksz, 4);
	slot(y, n, j->kbuf, j->ksz, 5);
	if (pt_load(j, &j->p1, x, y))
		return -1;
	slot(x, n, j->kbuf, j->ksz, 6);
	slot(y, n, j->kbuf, j->ksz, 7);
	if (pt_load(j, &j->p2, x, y))
		return -1;
	slot(x, n, j->ibuf, j->ksz, 0);
	zb_mod(e, x, n, on, n);
	slot(s, n, j->ibuf, j->ksz, 1);
	slot(r, n, j->ibuf, j->ksz, 2);
	j->verdict = 0;
	if (zb_is_zero(r, n) || zb_is_zero(s, n) || zb_cmp(r, on, n) >= 0 || zb_cmp(s, on, n) >= 0)
		return 0;
	if (sm2) {
		/* t = r + s mod n (t != 0); (x1, y1) = s G + t P; valid iff (e + x1) mod n = r */
		memcpy(u1, s, sizeof(zb_t) * ZB_MAX);
		zb_mod_add(&j->mq, u2, r, s);
		if (zb_is_zero(u2, n))
			return 0;
	} else {
		/* w = s^-1; u1 = e w, u2 = r w; valid iff (u1 G + u2 P).x mod n = r */
		ninv(j, x, s);
		nmul(j, u1, e, x);
		nmul(j, u2, r, x);
	}
	pt_mul(j, &j->p3, u1, n, &j->p1);
	pt_mul(j, &j->p1, u2, n, &j->p2);      /* G is no longer needed */
	pt_add(j, &j->p3, &j->p3, &j->p1);
	if (pt_affine(j, &j->p3, x, y))
		return 0;
	zb_mod(u1, x, n, on, n);
	if (sm2)
		zb_mod_add(&j->mq, u1, u1, e);
	j->verdict = !zb_cmp(u1, r, n);
	return 0;
}

/* X25519 / X448 (RFC 7748 §5): key p a24 k, in u, out u. */
static int hpre_xdh(struct ze_hpre_job *j)
{
	int n = j->n, t, swap = 0, bits;
	zb_t *x1 = j->t[0], *x2 = j->t[1], *z2 = j->t[2], *x3 = j->t[3], *z3 = j->t[4];
	zb_t *A = j->t[5], *B = j->t[6], *C = j->t[7], *D = j->w, *E = j->w + ZB_MAX;
	zb_t *AA = j->p1.x, *BB = j->p1.y, *DA = j->p1.z, *CB = j->p2.x, *a24 = j->a, *k = j->b;
	zb_t *p = j->p2.y, *u = j->p2.z;

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
	zb_to_mont(F, a24, A);
	zb_to_mont(F, x1, u);
	memcpy(x2, F->one, sizeof(zb_t) * ZB_MAX);
	memset(z2, 0, sizeof(zb_t) * ZB_MAX);
	memcpy(x3, x1, sizeof(zb_t) * ZB_MAX);
	memcpy(z3, F->one, sizeof(zb_t) * ZB_MAX);
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
		zb_mont_mul(F, AA, A, A);
		zb_mod_sub(F, B, x2, z2);
		zb_mont_mul(F, BB, B, B);
		zb_mod_sub(F, E, AA, BB);
		zb_mod_add(F, C, x3, z3);
		zb_mod_sub(F, D, x3, z3);
		zb_mont_mul(F, DA, D, A);
		zb_mont_mul(F, CB, C, B);
		zb_mod_add(F, x3, DA, CB);
		zb_mont_mul(F, x3, x3, x3);
		zb_mod_sub(F, z3, DA, CB);
		zb_mont_mul(F, z3, z3, z3);
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
	put(j, 0, x2, n);
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
