/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_bdfmt.h - request writers of the C tests (engine unit test, kernel
 * stub crypto smoke), written from the spec, not from any driver: SEC BD2
 * and BD3 (hisi-sec-hpre-uacce.md §2.1/§2.2, byte offsets, little-endian),
 * the HPRE SQE (§3), hex helpers. Header-only, included once.
 */
#ifndef ZE_BDFMT_H
#define ZE_BDFMT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static size_t unhex(const char *h, uint8_t *out)
{
	size_t n = 0;

	while (h[0] && h[1]) {
		unsigned int v;

		if (h[0] == ' ') {
			h++;
			continue;
		}
		sscanf(h, "%2x", &v);
		out[n++] = (uint8_t)v;
		h += 2;
	}
	return n;
}

static int eq_hex(const uint8_t *p, const char *h)
{
	uint8_t tmp[1024];
	size_t k = unhex(h, tmp);

	return memcmp(p, tmp, k) == 0;
}

static void st16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void st32(uint8_t *p, uint32_t v) { st16(p, (uint16_t)v); st16(p + 2, (uint16_t)(v >> 16)); }
static void st64(uint8_t *p, uint64_t v) { st32(p, (uint32_t)v); st32(p + 4, (uint32_t)(v >> 32)); }
static uint64_t A(const void *p) { return (uint64_t)(uintptr_t)p; }

/* SEC BD writers (spec §2.1/§2.2). */
struct sec_req {
	unsigned int cipher, auth, c_alg, c_mode, c_key_len, icv, a_alg, mac_w, akey_w, de, seq;
	unsigned int ai_gen, a_pad;   /* long hash (§S2.5): first 0/1, middle 1/1, end 1/0 */
	uint32_t a_len, c_len, c_off;
	uint64_t src, dst, c_key, c_iv, a_key, a_iv, mac;
	uint64_t long_bits;           /* long_a_data_len of an end BD */
	int invalid;
};

static void bd2(const struct sec_req *r, uint8_t *b)
{
	memset(b, 0, 128);
	b[0] = (uint8_t)(2 | r->cipher << 4 | r->auth << 6);
	b[1] = (uint8_t)(r->seq | r->de << 1 | 1 << 3);
	b[5] = (uint8_t)(r->ai_gen | r->a_pad << 2);
	b[7] = r->invalid ? 0x80 : 0;
	st32(b + 8, r->mac_w | r->akey_w << 5 | r->a_alg << 11);
	st16(b + 12, (uint16_t)(r->icv | r->c_key_len << 9 | r->c_mode << 12));
	b[14] = (uint8_t)r->c_alg;
	st32(b + 16, r->a_len);
	st32(b + 20, r->c_len);
	st16(b + 26, (uint16_t)r->c_off);
	st16(b + 40, 0xBEEF);
	st64(b + 48, r->long_bits);
	st64(b + 56, r->a_iv);
	st64(b + 64, r->a_key);
	st64(b + 72, r->mac);
	st64(b + 80, r->c_iv);
	st64(b + 88, r->c_key);
	st64(b + 96, r->src);
	st64(b + 104, r->dst);
}

static void bd3(const struct sec_req *r, uint8_t *b)
{
	unsigned int scene = r->auth && !r->cipher ? 7 : 1;

	memset(b, 0, 128);
	st32(b, 3 | (r->invalid ? 1u << 4 : 0) | scene << 5 | r->de << 9);
	st16(b + 4, (uint16_t)(r->cipher | r->icv << 4 | r->c_key_len << 13));
	b[6] = (uint8_t)(r->c_mode | r->c_alg << 4);
	b[7] = (uint8_t)(r->seq << 6);
	st64(b + 8, 0x1122334455667788ull);
	st64(b + 16, r->src);
	st64(b + 24, r->a_key);
	st64(b + 32, r->a_iv);
	st64(b + 48, r->c_key);
	st32(b + 56, r->auth | r->ai_gen << 2 | r->mac_w << 4 | r->akey_w << 9 | r->a_alg << 15 |
		     (r->c_mode == 4 ? 2u << 25 : 0));
	st16(b + 66, (uint16_t)r->c_off);
	st32(b + 68, r->a_len);
	st32(b + 72, r->c_len);
	st64(b + 76, r->dst);   /* unaligned, as the spec warns */
	st64(b + 84, r->mac);
	st64(b + 92, r->c_iv);
	st64(b + 100, r->long_bits);   /* stream scene */
	b[108] = (uint8_t)r->a_pad;    /* stream_auth_pad [1:0] */
}

/* HPRE SQE (spec §3): alg, done = 1, task_len1 = slot / 8 - 1, key/in/out, tag. */
static void hpre_sqe(uint8_t *s, unsigned int alg, uint32_t slot, uint64_t key, uint64_t in, uint64_t out,
		     uint64_t tag)
{
	memset(s, 0, 64);
	st32(s, alg | 1u << 30);
	st32(s + 4, slot / 8 - 1);
	st64(s + 8, key);
	st64(s + 16, in);
	st64(s + 24, out);
	st64(s + 32, tag);
}

/* Writes hex right-aligned into slot i of size sz. */
static void put_slot(uint8_t *buf, uint32_t sz, int i, const char *hex)
{
	uint8_t tmp[256];
	size_t n = unhex(hex, tmp);

	memcpy(buf + (size_t)sz * i + sz - n, tmp, n);
}

/* Byte order reversal (RFC 7748 little-endian <-> HPRE big-endian). */
static void reverse(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		uint8_t t = p[i];

		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}

#endif /* ZE_BDFMT_H */
