// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_sec.c - the SEC engine: one BD (128 bytes) in, the buffers it names
 * and its completion bytes out. Written from the SEC BD description of the
 * spec (hisi-sec-hpre-uacce.md §2, §5, §6):
 *  - BD2 (type 2) on api 1/2, BD3 (type 3) on api 3; the other type
 *    completes with an error [inferred, spec §6];
 *  - both layouts are parsed into one struct ze_bd (byte offsets of
 *    §2.1/§2.2, 24-bit lengths, mac_len/a_key_len in words, c_icv_len in
 *    bytes, XTS c_key_len naming one half, 3DES 2-key code 3);
 *  - cipher only (ECB/CBC/CTR/XTS, V3: + CFB/OFB), digest/HMAC (single
 *    block), long hash of the plain SHA-1/SHA-2/MD5 digests (§2.5: first,
 *    middle, end BDs; the chaining value in the caller's MAC buffer, computed
 *    by the engine's own ze_md.c), AEAD GCM and CCM (src = AAD || text,
 *    output at dst + cipher_src_offset, tag at mac_addr); the other
 *    primitives come from the platform (ze_crypto.h);
 *  - the invalid-BD bit completes at once with done = 1, no buffer touched.
 * Completion (§2.7): done_flag bit 0 = 1, flag [10:7] = 2 cipher, 3 AEAD,
 * 1 digest [spec's guess]; icv [3:1] = 2 on a tag mismatch; error_type
 * (byte 114) one of ZE_SEC_E_* below (no public table: stub's choice).
 */
#include "ze_core.h"
#include "ze_crypto.h"
#include "ze_md.h"

/* error_type values (byte 114) chosen by this stub [unverified: no public table]. */
#define ZE_SEC_E_BD_TYPE   0x01u  /* BD type not accepted by this QM version */
#define ZE_SEC_E_UNSUPP    0x02u  /* algorithm/mode/scene not offered (incl. V2 gates, §5) */
#define ZE_SEC_E_KEY       0x03u  /* bad key-length code or key length */
#define ZE_SEC_E_LEN       0x04u  /* length rule violated (§2.3/§2.4/§2.6) */
#define ZE_SEC_E_ADDR      0x05u  /* buffer outside the opener's memory (BD3: + byte 121) */
#define ZE_SEC_E_INTERNAL  0x06u  /* engine out of memory, primitive failed */

#define ZE_SEC_MAX_LEN     0xFFFE00u
#define ZE_SEC_CCM_MAX_AAD 65279u

#define ZE_SEC_FLAG_DIGEST 1u
#define ZE_SEC_FLAG_CIPHER 2u
#define ZE_SEC_FLAG_AEAD   3u

/* c_alg, c_mode, a_alg codes (§2.3/§2.4). */
#define C_ALG_DES  0
#define C_ALG_3DES 1
#define C_ALG_AES  2
#define C_ALG_SM4  3
#define C_MODE_ECB 0
#define C_MODE_CBC 1
#define C_MODE_CFB 2
#define C_MODE_OFB 3
#define C_MODE_CTR 4
#define C_MODE_CCM 5
#define C_MODE_GCM 6
#define C_MODE_XTS 7

struct ze_bd {
	unsigned int type, cipher, auth, seq, de, scene, invalid;
	unsigned int src_type, dst_type, mac_type;
	unsigned int c_alg, c_mode, c_key_len, c_icv_len, c_width;
	unsigned int a_alg, mac_len, a_key_len, ai_gen, a_pad;
	uint32_t a_len, c_len;
	uint16_t auth_off, cipher_off;
	uint64_t src, dst, c_key, c_iv, a_key, a_iv, mac, long_len;
};

static uint16_t ld16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t ld32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t ld64(const uint8_t *p) { return ld32(p) | (uint64_t)ld32(p + 4) << 32; }

/* BD2: §2.1 (UADK struct hisi_sec_sqe + type2, kernel struct sec_sqe). */
static void ze_bd2_parse(const uint8_t *b, struct ze_bd *d)
{
	uint32_t w8 = ld32(b + 8);
	uint16_t km = ld16(b + 12);

	d->type = b[0] & 0xF;
	d->cipher = (b[0] >> 4) & 3;
	d->auth = (b[0] >> 6) & 3;
	d->seq = b[1] & 1;
	d->de = (b[1] >> 1) & 3;
	d->scene = (b[1] >> 3) & 0xF;
	d->src_type = ((b[1] >> 7) & 1) | (b[2] & 3) << 1;
	d->dst_type = (b[2] >> 2) & 7;
	d->mac_type = (b[2] >> 5) & 7;
	d->ai_gen = b[5] & 3;
	d->a_pad = (b[5] >> 2) & 3;
	d->invalid = (b[7] >> 7) & 1;
	d->mac_len = w8 & 0x1F;
	d->a_key_len = (w8 >> 5) & 0x3F;
	d->a_alg = (w8 >> 11) & 0x3F;
	d->c_icv_len = km & 0x3F;
	d->c_width = (km >> 6) & 7;
	d->c_key_len = (km >> 9) & 7;
	d->c_mode = (km >> 12) & 0xF;
	d->c_alg = b[14] & 0xF;
	d->a_len = ld32(b + 16) & 0xFFFFFF;
	d->c_len = ld32(b + 20) & 0xFFFFFF;
	d->auth_off = ld16(b + 24);
	d->cipher_off = ld16(b + 26);
	d->long_len = ld64(b + 48);
	d->a_iv = ld64(b + 56);
	d->a_key = ld64(b + 64);
	d->mac = ld64(b + 72);
	d->c_iv = ld64(b + 80);
	d->c_key = ld64(b + 88);
	d->src = ld64(b + 96);
	d->dst = ld64(b + 104);
}

/* BD3: §2.2 (UADK struct hisi_sec_sqe3, kernel struct sec_sqe3; packed). */
static void ze_bd3_parse(const uint8_t *b, struct ze_bd *d)
{
	uint32_t p0 = ld32(b), amk = ld32(b + 56);
	uint16_t ck = ld16(b + 4);

	d->type = p0 & 0xF;
	d->invalid = (p0 >> 4) & 1;
	d->scene = (p0 >> 5) & 0xF;
	d->de = (p0 >> 9) & 3;
	d->src_type = (p0 >> 11) & 7;
	d->dst_type = (p0 >> 14) & 7;
	d->mac_type = (p0 >> 17) & 7;
	d->cipher = ck & 3;
	d->c_icv_len = (ck >> 4) & 0x3F;
	d->c_width = (ck >> 10) & 7;
	d->c_key_len = (ck >> 13) & 7;
	d->c_mode = b[6] & 0xF;
	d->c_alg = (b[6] >> 4) & 0xF;
	d->seq = (b[7] >> 6) & 1;
	d->src = ld64(b + 16);
	d->a_key = ld64(b + 24);
	d->a_iv = ld64(b + 32);
	d->c_key = ld64(b + 48);
	d->auth = amk & 3;
	d->ai_gen = (amk >> 2) & 3;
	d->mac_len = (amk >> 4) & 0x1F;
	d->a_key_len = (amk >> 9) & 0x3F;
	d->a_alg = (amk >> 15) & 0x3F;
	d->auth_off = ld16(b + 64);
	d->cipher_off = ld16(b + 66);
	d->a_len = ld32(b + 68) & 0xFFFFFF;
	d->c_len = ld32(b + 72) & 0xFFFFFF;
	d->dst = ld64(b + 76);
	d->mac = ld64(b + 84);
	d->c_iv = ld64(b + 92);
	d->long_len = ld64(b + 100);
	d->a_pad = b[108] & 3;
}

struct ze_sec_job {
	struct ze_queue *q;
	struct ze_bd d;
	uint8_t *buf;            /* engine copy of the data (and AAD) */
	unsigned int err;        /* error_type, 0 = none */
	unsigned int icv;
	unsigned int flag;
};

static int ze_sec_read(struct ze_sec_job *j, uint64_t addr, void *dst, uint32_t len)
{
	if (!len)
		return 0;
	if (!addr || j->q->cfg.mem->read(j->q->cfg.mem_ctx, addr, dst, len)) {
		j->q->stats.faults++;
		j->err = ZE_SEC_E_ADDR;
		return -1;
	}
	return 0;
}

static int ze_sec_write(struct ze_sec_job *j, uint64_t addr, const void *src, uint32_t len)
{
	if (!len)
		return 0;
	if (!addr || j->q->cfg.mem->write(j->q->cfg.mem_ctx, addr, src, len)) {
		j->q->stats.faults++;
		j->err = ZE_SEC_E_ADDR;
		return -1;
	}
	return 0;
}

static int ze_sec_fail(struct ze_sec_job *j, unsigned int err, const char *why)
{
	j->q->stats.bad_req++;
	zp_info("q%u: SEC BD refused (error 0x%x): %s", j->q->cfg.qn, err, why);
	j->err = err;
	return -1;
}

/* Key bytes of (c_alg, c_key_len) for one key (XTS: one half); 0 if invalid. */
static uint32_t ze_sec_key_bytes(const struct ze_bd *d)
{
	switch (d->c_alg) {
	case C_ALG_AES:
		return d->c_key_len <= 2 ? 16 + 8 * d->c_key_len : 0;
	case C_ALG_SM4:
		return d->c_key_len == 0 ? 16 : 0;
	case C_ALG_3DES:
		return d->c_key_len == 1 ? 24 : d->c_key_len == 3 ? 16 : 0;
	default:
		return 0;
	}
}

/* Reads the cipher key; 3DES 2-key (16 bytes) is expanded to K1 K2 K1. */
static int ze_sec_key(struct ze_sec_job *j, uint8_t *key, uint32_t *klen)
{
	const struct ze_bd *d = &j->d;
	uint32_t n = ze_sec_key_bytes(d);

	if (!n)
		return ze_sec_fail(j, ZE_SEC_E_KEY, "bad c_key_len code for this c_alg");
	if (d->c_mode == C_MODE_XTS) {
		if (d->c_alg == C_ALG_3DES)
			return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "XTS needs AES or SM4");
		/* The kernel sends XTS-AES-192 to software: the hardware is taken
		 * not to do it [inferred, spec §2.3]. */
		if (n == 24)
			return ze_sec_fail(j, ZE_SEC_E_KEY, "XTS-AES-192 is not offered");
		n *= 2;
	}
	if (ze_sec_read(j, d->c_key, key, n))
		return -1;
	if (d->c_alg == C_ALG_3DES && n == 16) {
		memcpy(key + 16, key, 8);
		n = 24;
	}
	*klen = n;
	return 0;
}

static enum zc_alg ze_sec_zc_alg(unsigned int c_alg)
{
	return c_alg == C_ALG_AES ? ZC_AES : c_alg == C_ALG_SM4 ? ZC_SM4 : ZC_3DES;
}

static int ze_sec_prim_err(struct ze_sec_job *j, int r)
{
	if (r == ZC_UNSUPPORTED)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "the platform lacks this primitive");
	return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "primitive failed");
}

/* ------------------------------------------------------------ cipher */

static int ze_sec_cipher(struct ze_sec_job *j)
{
	const struct ze_bd *d = &j->d;
	unsigned int api = j->q->cfg.api;
	uint32_t blk = d->c_alg == C_ALG_3DES ? 8 : 16, klen = 0, len = d->c_len;
	uint8_t key[64], iv[16];
	uint64_t out;
	int r, mode;

	if (d->c_alg == C_ALG_DES)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "single DES is not emulated");
	if (d->c_alg > C_ALG_SM4)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "unknown c_alg");
	switch (d->c_mode) {
	case C_MODE_ECB: mode = ZC_ECB; break;
	case C_MODE_CBC: mode = ZC_CBC; break;
	case C_MODE_XTS: mode = ZC_XTS; break;
	case C_MODE_CTR: mode = ZC_CTR; break;
	case C_MODE_CFB: mode = ZC_CFB; break;
	case C_MODE_OFB: mode = ZC_OFB; break;
	default:
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "c_mode not emulated (CBC-CS, or AEAD without AEAD fields)");
	}
	/* §5: V2 has ECB/CBC/XTS only; 3DES ECB/CBC only everywhere. */
	if (api < 3 && mode != ZC_ECB && mode != ZC_CBC && mode != ZC_XTS)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "CTR/CFB/OFB need a V3 device");
	if (d->c_alg == C_ALG_3DES && mode != ZC_ECB && mode != ZC_CBC)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "3DES offers ECB and CBC only");
	if (len > ZE_SEC_MAX_LEN)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "c_len > 0xFFFE00");
	if ((mode == ZC_ECB || mode == ZC_CBC) && len % blk)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "ECB/CBC length not a multiple of the block");
	if (mode == ZC_XTS && len < 16)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "XTS needs at least 16 bytes");
	if (ze_sec_key(j, key, &klen))
		return -1;
	if (mode != ZC_ECB && ze_sec_read(j, d->c_iv, iv, blk))
		return -1;
	j->flag = ZE_SEC_FLAG_CIPHER;
	if (!len)
		return 0;
	j->buf = zp_alloc(len);
	if (!j->buf)
		return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
	if (ze_sec_read(j, d->src + d->cipher_off, j->buf, len))
		return -1;
	zp_cond_resched();
	r = zc_cipher(ze_sec_zc_alg(d->c_alg), (enum zc_mode)mode, key, klen,
		      mode == ZC_ECB ? NULL : iv, d->cipher == 1, j->buf, j->buf, len);
	if (r)
		return ze_sec_prim_err(j, r);
	out = d->de == 1 ? d->dst : d->src;   /* de 0: in place */
	return ze_sec_write(j, out + d->cipher_off, j->buf, len);
}

/* ------------------------------------------------------------ digest */

struct ze_md_desc {
	unsigned int a_alg;
	enum zc_md md;
	int hmac;
	unsigned int len;
};

static const struct ze_md_desc ze_mds[] = {
	{ 0x00, ZC_MD_SHA1, 0, 20 }, { 0x01, ZC_MD_SHA256, 0, 32 }, { 0x02, ZC_MD_MD5, 0, 16 },
	{ 0x03, ZC_MD_SHA224, 0, 28 }, { 0x04, ZC_MD_SHA384, 0, 48 }, { 0x05, ZC_MD_SHA512, 0, 64 },
	{ 0x06, ZC_MD_SHA512_224, 0, 28 }, { 0x07, ZC_MD_SHA512_256, 0, 32 },
	{ 0x10, ZC_MD_SHA1, 1, 20 }, { 0x11, ZC_MD_SHA256, 1, 32 }, { 0x12, ZC_MD_MD5, 1, 16 },
	{ 0x13, ZC_MD_SHA224, 1, 28 }, { 0x14, ZC_MD_SHA384, 1, 48 }, { 0x15, ZC_MD_SHA512, 1, 64 },
	{ 0x16, ZC_MD_SHA512_224, 1, 28 }, { 0x17, ZC_MD_SHA512_256, 1, 32 },
	{ 0x25, ZC_MD_SM3, 0, 32 }, { 0x26, ZC_MD_SM3, 1, 32 },
};

/* AES-CMAC (RFC 4493) from the platform's AES-CBC: subkeys from E(0), the last block
 * xored with K1 (complete) or padded and xored with K2, the tag = last CBC block. */
static int ze_sec_cmac(struct ze_sec_job *j, const uint8_t *key, uint32_t klen, uint32_t len, uint8_t *tag)
{
	uint8_t l[16], k1[16], zero[16], *m;
	size_t nb = len ? (len + 15) / 16 : 1, last = (nb - 1) * 16;
	int i, r, complete = len && !(len % 16);

	memset(zero, 0, sizeof(zero));
	r = zc_cipher(ZC_AES, ZC_ECB, key, klen, NULL, 1, zero, l, 16);
	if (r)
		return ze_sec_prim_err(j, r);
	for (r = 0; r < (complete ? 1 : 2); r++) {
		int msb = l[0] >> 7;

		for (i = 0; i < 15; i++)
			k1[i] = (uint8_t)(l[i] << 1 | l[i + 1] >> 7);
		k1[15] = (uint8_t)(l[15] << 1) ^ (msb ? 0x87 : 0);
		memcpy(l, k1, 16);
	}
	m = zp_alloc(nb * 16);
	if (!m)
		return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
	if (len)
		memcpy(m, j->buf, len);
	if (!complete)
		m[len] = 0x80;
	for (i = 0; i < 16; i++)
		m[last + i] ^= k1[i];
	r = zc_cipher(ZC_AES, ZC_CBC, key, klen, zero, 1, m, m, nb * 16);
	if (!r)
		memcpy(tag, m + last, 16);
	zp_free(m);
	return r ? ze_sec_prim_err(j, r) : 0;
}

/* AES-CMAC (0x21) and AES-GMAC (0x22, GCM tag over AAD = the message, IV at a_ivin): V3 only. */
static int ze_sec_aes_mac(struct ze_sec_job *j)
{
	const struct ze_bd *d = &j->d;
	uint32_t klen = d->a_key_len * 4, len = d->a_len, olen = d->mac_len ? d->mac_len * 4 : 16;
	uint8_t key[32], iv[12], tag[16];
	int gmac = d->a_alg == 0x22, r;

	if (j->q->cfg.api < 3)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "AES-CMAC/GMAC need a V3 device");
	if (d->auth != 1 || d->a_pad)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "AES MACs: MAC calculate, single block only");
	if (len > ZE_SEC_MAX_LEN)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "a_len > 0xFFFE00");
	if (olen > 16)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "mac_len longer than 16 bytes");
	/* §2.4: CMAC keys are exactly 16 bytes and CMAC refuses empty input; GMAC takes any AES key. */
	if (gmac ? klen != 16 && klen != 24 && klen != 32 : klen != 16)
		return ze_sec_fail(j, ZE_SEC_E_KEY, "AES MAC key length");
	if (!gmac && !len)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "zero-length CMAC");
	if (gmac && d->ai_gen != 1)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "GMAC needs ai_gen 1 (IV at a_ivin)");
	if (ze_sec_read(j, d->a_key, key, klen) || (gmac && ze_sec_read(j, d->a_iv, iv, 12)))
		return -1;
	j->flag = ZE_SEC_FLAG_DIGEST;
	if (len) {
		j->buf = zp_alloc(len);
		if (!j->buf)
			return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
		if (ze_sec_read(j, d->src + d->auth_off, j->buf, len))
			return -1;
	}
	zp_cond_resched();
	if (gmac) {
		r = zc_aead(ZC_AES, ZC_GCM, key, klen, iv, 12, j->buf, len, 1, NULL, NULL, 0, tag, 16);
		if (r)
			return ze_sec_prim_err(j, r);
	} else if (ze_sec_cmac(j, key, klen, len, tag)) {
		return -1;
	}
	return ze_sec_write(j, d->mac, tag, olen);
}

/* ------------------------------------------------------------ long hash */

/* Bytes hashed between two resched points of a long-hash BD (a multiple of every block). */
#define ZE_SEC_HASH_STEP 65536u

/*
 * One BD of a long hash (§2.5), (ai_gen, a_pad) = (0, 1) first, (1, 1) middle, (1, 0) end.
 * First and middle BDs hash whole blocks (non-empty) from the standard IV or from the
 * chaining value at a_ivin, and write the chaining value to mac_addr; the end BD goes on
 * from a_ivin, pads with long_a_data_len (the whole message in bits) and writes the digest,
 * truncated to mac_len words. The chaining value [our choice, §2.5 unverified]: the H words
 * in the digest's output byte order (big-endian, MD5 little-endian), the whole state
 * whatever mac_len says (SHA-224 32 bytes, SHA-384 and SHA-512/t 64); mac_len of a
 * first/middle BD may be 0 ("full") or up to the state's words. Plain SHA-1/SHA-2/MD5 only.
 */
static int ze_sec_long_hash(struct ze_sec_job *j, const struct ze_md_desc *m)
{
	static const uint8_t empty[1];
	const struct ze_bd *d = &j->d;
	uint32_t len = d->a_len, olen = 0, whole, done, n;
	uint8_t st[ZE_MD_MAX_STATE];
	const uint8_t *data = empty;
	int last = d->a_pad == 0;
	struct ze_md md;

	if (m->hmac || ze_md_init(&md, m->md))
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "long hash of HMACs and SM3 not emulated");
	if (d->auth != 1)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "only MAC calculate (auth 1) for digest BDs");
	if (d->a_pad > 1 || d->ai_gen > 1)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "long hash with ai_gen or a_pad other than 0/1");
	if (len > ZE_SEC_MAX_LEN)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "a_len > 0xFFFE00");
	if (!last) {
		if (!len || len % md.block)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "first/middle long-hash BD not whole hash blocks");
		if (d->mac_len * 4 > md.state_bytes)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "mac_len longer than the chaining state");
	} else {
		uint64_t total = d->long_len / 8;

		/* The earlier BDs hashed total - a_len bytes: at least one block, whole blocks. */
		if (d->long_len % 8 || total <= len || (total - len) % md.block)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "long_a_data_len does not fit whole earlier blocks + a_len");
		/* §2.4 "hardware v2 not supports 0 size": taken to hold for the end block too [choice]. */
		if (!len && j->q->cfg.api < 3)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "zero-length end block on a V2 device");
		olen = d->mac_len ? d->mac_len * 4 : md.digest_bytes;
		if (olen > md.digest_bytes)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "mac_len longer than the digest");
	}
	if (d->ai_gen == 1) {
		if (ze_sec_read(j, d->a_iv, st, md.state_bytes))
			return -1;
		ze_md_state_in(&md, st);
	}
	j->flag = ZE_SEC_FLAG_DIGEST;
	if (len) {
		j->buf = zp_alloc(len);
		if (!j->buf)
			return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
		if (ze_sec_read(j, d->src + d->auth_off, j->buf, len))
			return -1;
		data = j->buf;
	}
	whole = last ? len / ZE_SEC_HASH_STEP * ZE_SEC_HASH_STEP : len;
	for (done = 0; done < whole; done += n) {
		n = whole - done < ZE_SEC_HASH_STEP ? whole - done : ZE_SEC_HASH_STEP;
		ze_md_blocks(&md, data + done, n / md.block);
		zp_cond_resched();
	}
	if (!last) {
		ze_md_state_out(&md, st);
		return ze_sec_write(j, d->mac, st, md.state_bytes);
	}
	ze_md_final(&md, data + whole, len - whole, d->long_len, st);
	return ze_sec_write(j, d->mac, st, olen);
}

static int ze_sec_digest(struct ze_sec_job *j)
{
	const struct ze_bd *d = &j->d;
	const struct ze_md_desc *m = NULL;
	uint8_t key[256], out[ZC_MAX_DIGEST];
	uint32_t klen = 0, olen, len = d->a_len;
	unsigned int i;
	int r;

	if (d->a_alg == 0x21 || d->a_alg == 0x22)
		return ze_sec_aes_mac(j);
	for (i = 0; i < sizeof(ze_mds) / sizeof(ze_mds[0]); i++)
		if (ze_mds[i].a_alg == d->a_alg)
			m = &ze_mds[i];
	if (!m)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "a_alg not emulated (XCBC)");
	if (d->a_pad || d->ai_gen)
		return ze_sec_long_hash(j, m);
	if (d->auth != 1)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "only MAC calculate (auth 1) for digest BDs");
	if (len > ZE_SEC_MAX_LEN)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "a_len > 0xFFFE00");
	/* §2.4: "hardware v2 not supports 0 size in block hash". */
	if (!len && j->q->cfg.api < 3)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "zero-length hash on a V2 device");
	olen = d->mac_len ? d->mac_len * 4 : m->len;
	if (olen > m->len)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "mac_len longer than the digest");
	if (m->hmac) {
		klen = d->a_key_len * 4;
		if (!klen || klen > sizeof(key))
			return ze_sec_fail(j, ZE_SEC_E_KEY, "HMAC key length 0 or too long");
		if (ze_sec_read(j, d->a_key, key, klen))
			return -1;
	}
	j->flag = ZE_SEC_FLAG_DIGEST;
	if (len) {
		j->buf = zp_alloc(len);
		if (!j->buf)
			return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
		if (ze_sec_read(j, d->src + d->auth_off, j->buf, len))
			return -1;
	}
	zp_cond_resched();
	r = zc_digest(m->md, m->hmac ? key : NULL, klen, j->buf, len, out);
	if (r < 0)
		return ze_sec_prim_err(j, r);
	return ze_sec_write(j, d->mac, out, olen);
}

/* ------------------------------------------------------------ AEAD */

static int ze_sec_aead(struct ze_sec_job *j)
{
	const struct ze_bd *d = &j->d;
	unsigned int api = j->q->cfg.api;
	uint32_t klen = 0, aad = d->cipher_off, len = d->c_len, tl = d->c_icv_len, ivlen;
	uint8_t key[64], iv[16], tag[16];
	int gcm = d->c_mode == C_MODE_GCM, enc = d->cipher == 1, r;
	uint64_t out;

	if (d->c_alg != C_ALG_AES && d->c_alg != C_ALG_SM4)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "CCM/GCM need AES or SM4");
	if (d->c_alg == C_ALG_SM4 && api < 3)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "SM4-CCM/GCM need a V3 device");
	if (d->auth)
		return ze_sec_fail(j, ZE_SEC_E_UNSUPP, "CCM/GCM with auth != 0 (authenc not emulated)");
	if (d->a_len != aad)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "a_len differs from cipher_src_offset (AAD length)");
	if ((uint64_t)aad + len > ZE_SEC_MAX_LEN)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "AAD + text > 0xFFFE00");
	if (!gcm && aad > ZE_SEC_CCM_MAX_AAD)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "CCM AAD > 65279");
	if (!len && api < 3)
		return ze_sec_fail(j, ZE_SEC_E_LEN, "zero-length text on a V2 device");
	if (gcm ? tl < 4 || tl > 16 : tl < 4 || tl > 16 || (tl & 1))
		return ze_sec_fail(j, ZE_SEC_E_LEN, "bad c_icv_len (tag length)");
	if (ze_sec_key(j, key, &klen))
		return -1;
	if (gcm) {
		ivlen = 12;
		if (ze_sec_read(j, d->c_iv, iv, 12))
			return -1;
	} else {
		/* c_ivin = flags(L') || nonce || counter: nonce = 15 - L bytes. */
		if (ze_sec_read(j, d->c_iv, iv, 16))
			return -1;
		ivlen = 15 - ((iv[0] & 7) + 1);
		if ((iv[0] & 7) < 1)
			return ze_sec_fail(j, ZE_SEC_E_LEN, "CCM counter block with L < 2");
		memmove(iv, iv + 1, ivlen);
	}
	if (!enc && ze_sec_read(j, d->mac, tag, tl))
		return -1;
	j->flag = ZE_SEC_FLAG_AEAD;
	j->buf = zp_alloc((size_t)aad + len + 1);
	if (!j->buf)
		return ze_sec_fail(j, ZE_SEC_E_INTERNAL, "out of memory");
	if (ze_sec_read(j, d->src, j->buf, aad + len))
		return -1;
	zp_cond_resched();
	r = zc_aead(ze_sec_zc_alg(d->c_alg), gcm ? ZC_GCM : ZC_CCM, key, klen, iv, ivlen,
		    j->buf, aad, enc, j->buf + aad, j->buf + aad, len, tag, tl);
	if (r == ZC_BAD_TAG) {
		j->icv = 2;              /* no plaintext released */
		return 0;
	}
	if (r)
		return ze_sec_prim_err(j, r);
	out = d->de == 1 ? d->dst : d->src;
	if (ze_sec_write(j, out + aad, j->buf + aad, len))
		return -1;
	return enc ? ze_sec_write(j, d->mac, tag, tl) : 0;
}

/* ------------------------------------------------------------ dispatch */

void ze_sec_process(struct ze_queue *q, uint8_t *bd)
{
	struct ze_sec_job j;
	unsigned int want = q->cfg.api >= 3 ? 3 : 2;
	uint16_t done;

	memset(&j, 0, sizeof(j));
	j.q = q;
	if ((bd[0] & 0xF) == 3)
		ze_bd3_parse(bd, &j.d);
	else
		ze_bd2_parse(bd, &j.d);
	if (j.d.type != want) {
		ze_sec_fail(&j, ZE_SEC_E_BD_TYPE, "BD type not accepted by this QM version");
	} else if (j.d.invalid) {
		/* §2.9: skipped, completed, nothing touched [inferred]. */
	} else if (j.d.src_type || j.d.dst_type || j.d.mac_type) {
		ze_sec_fail(&j, ZE_SEC_E_UNSUPP, "only flat buffers (address type 0)");
	} else if (j.d.cipher == 3) {
		ze_sec_fail(&j, ZE_SEC_E_UNSUPP, "cipher 3 (copy) not emulated");
	} else if (j.d.cipher && (j.d.c_mode == C_MODE_CCM || j.d.c_mode == C_MODE_GCM)) {
		ze_sec_aead(&j);
	} else if (j.d.cipher && j.d.auth) {
		ze_sec_fail(&j, ZE_SEC_E_UNSUPP, "authenc (cipher + auth) not emulated");
	} else if (j.d.cipher) {
		ze_sec_cipher(&j);
	} else if (j.d.auth) {
		ze_sec_digest(&j);
	} else {
		ze_sec_fail(&j, ZE_SEC_E_UNSUPP, "neither cipher nor auth");
	}
	zp_free(j.buf);
	done = 1 | (uint16_t)((j.icv & 7) << 1) | (uint16_t)((j.err ? 0 : j.flag & 0xF) << 7);
	bd[112] = (uint8_t)done;
	bd[113] = (uint8_t)(done >> 8);
	bd[114] = (uint8_t)j.err;
	bd[115] = 0;
	if (want == 3)
		bd[121] = j.err == ZE_SEC_E_ADDR ? 1 : 0;   /* hac_sva_status [stub's value] */
}
