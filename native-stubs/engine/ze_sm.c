// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_sm.c - portable SM3 (GB/T 32905-2016) with HMAC (RFC 2104), and the
 * SM4 block cipher (GB/T 32907-2016) in ECB, CBC and CTR, GCM (NIST SP
 * 800-38D) and CCM (SP 800-38C), for platforms
 * whose primitives lack them: Debian's 6.1 amd64 kernel has neither
 * (CONFIG_CRYPTO_SM3/SM4 unset), while silicon always has both. The kernel
 * stub's primitives fall back to these (kmod/hzs_crypto.c); OpenSSL has its
 * own. Not constant-time (a device model).
 */
#include "ze_sm.h"

static uint32_t rol(uint32_t x, unsigned int n)
{
	n &= 31;
	return n ? (x << n) | (x >> (32 - n)) : x;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* ------------------------------------------------------------ SM3 */

static const uint32_t sm3_iv[8] = {
	0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
};

static uint32_t p0(uint32_t x) { return x ^ rol(x, 9) ^ rol(x, 17); }
static uint32_t p1(uint32_t x) { return x ^ rol(x, 15) ^ rol(x, 23); }

static void sm3_block(uint32_t v[8], const uint8_t *b)
{
	uint32_t w[68], a = v[0], bb = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
	int j;

	for (j = 0; j < 16; j++)
		w[j] = be32(b + 4 * j);
	for (j = 16; j < 68; j++)
		w[j] = p1(w[j - 16] ^ w[j - 9] ^ rol(w[j - 3], 15)) ^ rol(w[j - 13], 7) ^ w[j - 6];
	for (j = 0; j < 64; j++) {
		uint32_t t = j < 16 ? 0x79cc4519u : 0x7a879d8au;
		uint32_t ss1 = rol(rol(a, 12) + e + rol(t, (unsigned int)j), 7), ss2 = ss1 ^ rol(a, 12);
		uint32_t ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
		uint32_t gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
		uint32_t tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]), tt2 = gg + h + ss1 + w[j];

		d = c;
		c = rol(bb, 9);
		bb = a;
		a = tt1;
		h = g;
		g = rol(f, 19);
		f = e;
		e = p0(tt2);
	}
	v[0] ^= a; v[1] ^= bb; v[2] ^= c; v[3] ^= d;
	v[4] ^= e; v[5] ^= f; v[6] ^= g; v[7] ^= h;
}

struct sm3 {
	uint32_t v[8];
	uint8_t buf[64];
	size_t fill;
	uint64_t total;
};

static void sm3_init(struct sm3 *s)
{
	memcpy(s->v, sm3_iv, sizeof(s->v));
	s->fill = 0;
	s->total = 0;
}

static void sm3_update(struct sm3 *s, const uint8_t *p, size_t n)
{
	s->total += n;
	while (n) {
		size_t k = 64 - s->fill < n ? 64 - s->fill : n;

		memcpy(s->buf + s->fill, p, k);
		s->fill += k;
		p += k;
		n -= k;
		if (s->fill == 64) {
			sm3_block(s->v, s->buf);
			s->fill = 0;
		}
	}
}

static void sm3_final(struct sm3 *s, uint8_t out[32])
{
	uint64_t bits = s->total * 8;
	uint8_t pad[72];
	size_t n = (s->fill < 56 ? 56 : 120) - s->fill;
	int i;

	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[n + i] = (uint8_t)(bits >> (56 - 8 * i));
	sm3_update(s, pad, n + 8);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, s->v[i]);
}

int ze_sm3(const uint8_t *key, uint32_t klen, const uint8_t *data, size_t len, uint8_t out[32])
{
	struct sm3 s;
	uint8_t k[64], pad[64], inner[32];
	int i;

	if (!key) {
		sm3_init(&s);
		sm3_update(&s, data, len);
		sm3_final(&s, out);
		return 32;
	}
	memset(k, 0, sizeof(k));
	if (klen > 64) {
		sm3_init(&s);
		sm3_update(&s, key, klen);
		sm3_final(&s, k);
	} else {
		memcpy(k, key, klen);
	}
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sm3_init(&s);
	sm3_update(&s, pad, 64);
	sm3_update(&s, data, len);
	sm3_final(&s, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sm3_init(&s);
	sm3_update(&s, pad, 64);
	sm3_update(&s, inner, 32);
	sm3_final(&s, out);
	return 32;
}

/* ------------------------------------------------------------ SM4 */

static const uint8_t sm4_sbox[256] = {
	0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
	0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
	0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
	0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
	0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
	0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
	0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
	0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
	0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
	0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
	0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
	0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
	0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
	0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
	0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
	0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
};

static const uint32_t sm4_fk[4] = { 0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc };

static uint32_t tau(uint32_t a)
{
	return (uint32_t)sm4_sbox[a >> 24] << 24 | (uint32_t)sm4_sbox[(a >> 16) & 0xFF] << 16 |
	       (uint32_t)sm4_sbox[(a >> 8) & 0xFF] << 8 | sm4_sbox[a & 0xFF];
}

static void sm4_keys(const uint8_t key[16], uint32_t rk[32])
{
	uint32_t k[36];
	int i;

	for (i = 0; i < 4; i++)
		k[i] = be32(key + 4 * i) ^ sm4_fk[i];
	for (i = 0; i < 32; i++) {
		/* CK: byte j of word i is (4 i + j) * 7 mod 256 */
		uint32_t ck = 0, b;
		int j;

		for (j = 0; j < 4; j++)
			ck = ck << 8 | (uint32_t)(((4 * i + j) * 7) & 0xFF);
		b = tau(k[i + 1] ^ k[i + 2] ^ k[i + 3] ^ ck);
		k[i + 4] = k[i] ^ b ^ rol(b, 13) ^ rol(b, 23);
		rk[i] = k[i + 4];
	}
}

static void sm4_block(const uint32_t rk[32], int dec, const uint8_t in[16], uint8_t out[16])
{
	uint32_t x[36];
	int i;

	for (i = 0; i < 4; i++)
		x[i] = be32(in + 4 * i);
	for (i = 0; i < 32; i++) {
		uint32_t b = tau(x[i + 1] ^ x[i + 2] ^ x[i + 3] ^ rk[dec ? 31 - i : i]);

		x[i + 4] = x[i] ^ b ^ rol(b, 2) ^ rol(b, 10) ^ rol(b, 18) ^ rol(b, 24);
	}
	for (i = 0; i < 4; i++)
		put_be32(out + 4 * i, x[35 - i]);
}

int ze_sm4(int mode, const uint8_t key[16], const uint8_t *iv, int encrypt,
	   const uint8_t *in, uint8_t *out, size_t len)
{
	uint32_t rk[32];
	uint8_t chain[16], blk[16], ks[16];
	size_t off;
	int i;

	if (mode != ZE_SM4_ECB && mode != ZE_SM4_CBC && mode != ZE_SM4_CTR)
		return -2;
	if (mode != ZE_SM4_CTR && (len & 15))
		return -1;
	sm4_keys(key, rk);
	if (iv)
		memcpy(chain, iv, 16);
	for (off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? len - off : 16;

		if (mode == ZE_SM4_CTR) {
			sm4_block(rk, 0, chain, ks);
			for (i = 0; i < (int)n; i++)
				out[off + i] = in[off + i] ^ ks[i];
			for (i = 15; i >= 0 && ++chain[i] == 0; i--)
				;                  /* 128-bit big-endian counter */
		} else if (mode == ZE_SM4_CBC && encrypt) {
			for (i = 0; i < 16; i++)
				blk[i] = in[off + i] ^ chain[i];
			sm4_block(rk, 0, blk, out + off);
			memcpy(chain, out + off, 16);
		} else if (mode == ZE_SM4_CBC) {
			memcpy(blk, in + off, 16);
			sm4_block(rk, 1, blk, out + off);
			for (i = 0; i < 16; i++)
				out[off + i] ^= chain[i];
			memcpy(chain, blk, 16);
		} else {
			sm4_block(rk, !encrypt, in + off, out + off);
		}
		if (!(off & 0xFFFF))
			zp_cond_resched();
	}
	return 0;
}

/* ------------------------------------------------------------ GCM / CCM over any 128-bit block cipher */

/* x = x * y in GF(2^128), SP 800-38D algorithm 1 (bit 0 = MSB of byte 0). */
static void gf_mul(uint8_t x[16], const uint8_t y[16])
{
	uint8_t z[16], v[16];
	int i, j;

	memset(z, 0, 16);
	memcpy(v, y, 16);
	for (i = 0; i < 128; i++) {
		int lsb = v[15] & 1;

		if ((x[i / 8] >> (7 - i % 8)) & 1)
			for (j = 0; j < 16; j++)
				z[j] ^= v[j];
		for (j = 15; j > 0; j--)
			v[j] = (uint8_t)(v[j] >> 1 | v[j - 1] << 7);
		v[0] >>= 1;
		if (lsb)
			v[0] ^= 0xe1;
	}
	memcpy(x, z, 16);
}

static void ghash(uint8_t s[16], const uint8_t h[16], const uint8_t *p, size_t n)
{
	size_t off;
	int i;

	for (off = 0; off < n; off += 16) {
		for (i = 0; i < 16 && off + (size_t)i < n; i++)
			s[i] ^= p[off + i];
		gf_mul(s, h);
	}
}

/* XOR len bytes with E(ctr), E(ctr + 1), ...; inc32 (GCM) or the last q bytes (CCM) count. */
static void ctr_xor(ze_block_fn e, const void *k, uint8_t ctr[16], int cbytes, const uint8_t *in, uint8_t *out,
		    size_t len)
{
	uint8_t ks[16];
	size_t off;
	int i;

	for (off = 0; off < len; off += 16) {
		e(k, ctr, ks);
		for (i = 0; i < 16 && off + (size_t)i < len; i++)
			out[off + i] = in[off + i] ^ ks[i];
		for (i = 15; i >= 16 - cbytes && ++ctr[i] == 0; i--)
			;
	}
}

int ze_gcm(ze_block_fn e, const void *k, const uint8_t *iv, const uint8_t *aad, uint32_t aadlen, int enc,
		   const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag, uint32_t taglen)
{
	uint8_t h[16], j0[16], ctr[16], s[16], lens[16], ej0[16];
	int i;

	memset(h, 0, 16);
	e(k, h, h);
	memcpy(j0, iv, 12);
	j0[12] = j0[13] = j0[14] = 0;
	j0[15] = 1;
	memset(s, 0, 16);
	ghash(s, h, aad, aadlen);
	if (!enc)
		ghash(s, h, in, len);
	memcpy(ctr, j0, 16);
	ctr[15] = 2;
	ctr_xor(e, k, ctr, 4, in, out, len);
	if (enc)
		ghash(s, h, out, len);
	for (i = 0; i < 8; i++) {
		lens[i] = (uint8_t)(((uint64_t)aadlen * 8) >> (56 - 8 * i));
		lens[8 + i] = (uint8_t)(((uint64_t)len * 8) >> (56 - 8 * i));
	}
	ghash(s, h, lens, 16);
	e(k, j0, ej0);
	for (i = 0; i < 16; i++)
		s[i] ^= ej0[i];
	if (enc) {
		memcpy(tag, s, taglen);
		return 0;
	}
	return memcmp(s, tag, taglen) ? 1 : 0;
}

/* CBC-MAC of B0 || encoded AAD || text (SP 800-38C A.2). */
static void ccm_mac(ze_block_fn e, const void *k, const uint8_t b0[16], const uint8_t *aad, uint32_t aadlen,
		    const uint8_t *p, size_t len, uint8_t y[16])
{
	uint8_t blk[16];
	size_t off;
	int i, w;

	e(k, b0, y);
	if (aadlen) {
		/* 2-byte length (AAD < 2^16 - 2^8), else 0xfffe + 4 bytes */
		uint8_t hdr[6];
		int hn;

		if (aadlen < 0xFF00) {
			hdr[0] = (uint8_t)(aadlen >> 8);
			hdr[1] = (uint8_t)aadlen;
			hn = 2;
		} else {
			hdr[0] = 0xff;
			hdr[1] = 0xfe;
			put_be32(hdr + 2, aadlen);
			hn = 6;
		}
		memset(blk, 0, 16);
		memcpy(blk, hdr, (size_t)hn);
		w = hn;
		off = 0;
		for (;;) {
			while (w < 16 && off < aadlen)
				blk[w++] = aad[off++];
			for (i = 0; i < 16; i++)
				y[i] ^= blk[i];
			e(k, y, y);
			if (off >= aadlen)
				break;
			memset(blk, 0, 16);
			w = 0;
		}
	}
	for (off = 0; off < len; off += 16) {
		for (i = 0; i < 16 && off + (size_t)i < len; i++)
			y[i] ^= p[off + i];
		e(k, y, y);
	}
}

int ze_ccm(ze_block_fn e, const void *k, const uint8_t *nonce, uint32_t nlen, const uint8_t *aad,
		   uint32_t aadlen, int enc, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
		   uint32_t taglen)
{
	uint8_t b0[16], ctr[16], s0[16], y[16];
	int q = 15 - (int)nlen, i;

	if (nlen < 7 || nlen > 13 || taglen < 4 || taglen > 16 || (taglen & 1))
		return -1;
	memset(b0, 0, 16);
	b0[0] = (uint8_t)((aadlen ? 64 : 0) | ((taglen - 2) / 2) << 3 | (q - 1));
	memcpy(b0 + 1, nonce, nlen);
	for (i = 0; i < q; i++)
		b0[15 - i] = (uint8_t)(i < 8 ? (uint64_t)len >> (8 * i) : 0);
	memset(ctr, 0, 16);
	ctr[0] = (uint8_t)(q - 1);
	memcpy(ctr + 1, nonce, nlen);
	e(k, ctr, s0);
	ctr[15] = 1;
	if (enc) {
		ccm_mac(e, k, b0, aad, aadlen, in, len, y);
		ctr_xor(e, k, ctr, q, in, out, len);
		for (i = 0; i < (int)taglen; i++)
			tag[i] = y[i] ^ s0[i];
		return 0;
	}
	ctr_xor(e, k, ctr, q, in, out, len);
	ccm_mac(e, k, b0, aad, aadlen, out, len, y);
	for (i = 0; i < (int)taglen; i++)
		if ((uint8_t)(y[i] ^ s0[i]) != tag[i])
			return 1;
	return 0;
}

static void sm4_enc_block(const void *rk, const uint8_t in[16], uint8_t out[16])
{
	sm4_block(rk, 0, in, out);
}

int ze_sm4_aead(int ccm, const uint8_t key[16], const uint8_t *iv, uint32_t ivlen, const uint8_t *aad,
		uint32_t aadlen, int encrypt, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
		uint32_t taglen)
{
	uint32_t rk[32];

	sm4_keys(key, rk);
	if (ccm)
		return ze_ccm(sm4_enc_block, rk, iv, ivlen, aad, aadlen, encrypt, in, out, len, tag, taglen);
	if (ivlen != 12 || taglen > 16)
		return -1;
	return ze_gcm(sm4_enc_block, rk, iv, aad, aadlen, encrypt, in, out, len, tag, taglen);
}
