// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_crypto_test.c - user-space unit test of the SEC and HPRE engines of the
 * core (OpenSSL primitives, as in the CUSE daemon). Plays the driver: writes
 * BDs/SQEs by byte offset from the spec into a ring in ordinary memory,
 * rings the doorbell, calls ze_queue_service() and checks the completion and
 * the output buffers against known answers from the standards:
 * FIPS 180-4 / RFC 1321 / GB/T 32905 ("abc"), RFC 4231 (HMAC), NIST SP
 * 800-38A (AES ECB/CBC/CTR), GB/T 32907 (SM4), the GCM specification's test
 * cases 3/4, NIST SP 800-38C example 1 (CCM), RFC 7748 (X25519/X448) and a
 * small RSA example. Exit status 0 = all checks passed.
 */
#include "ze_core.h"
#include "ze_check.h"

#include "ze_testmem.h"

/* ---------------------------------------------------- mini driver */
struct drv {
	struct ze_queue q;
	uint8_t *mmio, *dus;
	unsigned int sqe, depth;
	uint16_t tail, head;
	int phase;
};

static void drv_open(struct drv *d, int kind, unsigned int api, int qc_type)
{
	struct ze_queue_cfg c;
	size_t dus;

	memset(d, 0, sizeof(*d));
	d->sqe = ze_sqe_size(kind);
	d->depth = 16;
	dus = ((d->sqe * d->depth + 16 * d->depth + 4095) / 4096 + 1) * 4096;
	d->mmio = calloc(1, 8192);
	d->dus = calloc(1, dus);
	memset(&c, 0, sizeof(c));
	c.api = api;
	c.kind = kind;
	c.qn = 3;
	c.sq_depth = c.cq_depth = (uint16_t)d->depth;
	c.mmio = d->mmio;
	c.dus = d->dus;
	c.dus_size = dus;
	c.mem = &mops;
	c.cq_grace_ns = 20000000;
	CHECK(ze_queue_init(&d->q, &c) == 0, "init kind %d", kind);
	ze_queue_clear_rings(&d->q);
	CHECK(ze_queue_start(&d->q, qc_type) == 0, "start");
	d->phase = 1;
}

static void drv_close(struct drv *d)
{
	ze_queue_destroy(&d->q);
	free(d->mmio);
	free(d->dus);
	unreg_all();
}

/* Submits one SQE (sqe bytes), runs the engine, copies the completed slot back. */
static void run1(struct drv *d, uint8_t *sqe)
{
	uint8_t *slot = d->dus + (size_t)d->sqe * d->tail, *cqe;
	uint16_t w7, idx;
	uint64_t v;

	memcpy(slot, sqe, d->sqe);
	d->tail = (uint16_t)((d->tail + 1) % d->depth);
	v = 3 | ((uint64_t)d->tail << 32);
	__atomic_store_n((uint64_t *)(d->mmio + 0x1000), v, __ATOMIC_RELEASE);
	ze_queue_service(&d->q, zp_now_ns());
	cqe = d->dus + (size_t)d->sqe * d->depth + 16 * d->head;
	memcpy(&w7, cqe + 14, 2);
	memcpy(&idx, cqe + 8, 2);
	CHECK((w7 & 1) == d->phase, "a CQE was published");
	CHECK(idx == (d->tail + d->depth - 1) % d->depth, "CQE names the slot");
	if (++d->head == d->depth) {
		d->head = 0;
		d->phase ^= 1;
	}
	v = 3 | 1u << 12 | ((uint64_t)d->head << 32) | (1ull << 48);
	__atomic_store_n((uint64_t *)(d->mmio + 0x1000), v, __ATOMIC_RELEASE);
	ze_queue_service(&d->q, zp_now_ns());
	memcpy(sqe, d->dus + (size_t)d->sqe * idx, d->sqe);
}

#include "ze_bdfmt.h"

/* A registered buffer holding the bytes of hex. */
static uint8_t *reg_hex(const char *h, size_t *n)
{
	uint8_t tmp[1024];
	size_t k = unhex(h, tmp);
	uint8_t *p = reg(k);

	memcpy(p, tmp, k);
	if (n)
		*n = k;
	return p;
}

/* Runs one SEC request on d; returns done_flag | error_type << 16. */
static uint32_t sec_run(struct drv *d, const struct sec_req *r, int type)
{
	uint8_t b[128];

	if (type == 3)
		bd3(r, b);
	else
		bd2(r, b);
	run1(d, b);
	if (type == 3)
		CHECK(b[8] == 0x88 && b[15] == 0x11, "BD3 tag echoed");
	else
		CHECK(b[40] == 0xEF && b[41] == 0xBE, "BD2 tag echoed");
	return (uint32_t)(b[112] | b[113] << 8) | (uint32_t)b[114] << 16;
}

#define SEC_OK(st, flag) ((st) == (1u | (flag) << 7))

struct md_kat { unsigned int a_alg; const char *out; };

static void t_digests(int type)
{
	static const struct md_kat kats[] = {
		{ 0x00, "a9993e364706816aba3e25717850c26c9cd0d89d" },                   /* FIPS 180-4 */
		{ 0x03, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
		{ 0x01, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ 0x04, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
			"8086072ba1e7cc2358baeca134c825a7" },
		{ 0x05, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
			"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
		{ 0x06, "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa" },
		{ 0x07, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23" },
		{ 0x02, "900150983cd24fb0d6963f7d28e17f72" },                            /* RFC 1321 */
		{ 0x25, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" }, /* GB/T 32905 */
	};
	struct drv d;
	unsigned int i;

	drv_open(&d, ZE_KIND_SEC, (unsigned int)type, 0);
	for (i = 0; i < sizeof(kats) / sizeof(kats[0]); i++) {
		struct sec_req r;
		uint8_t *src = reg(3), *mac = reg(64);
		uint32_t st;

		memcpy(src, "abc", 3);
		memset(&r, 0, sizeof(r));
		r.auth = 1;
		r.a_alg = kats[i].a_alg;
		r.a_len = 3;
		r.src = A(src);
		r.mac = A(mac);
		st = sec_run(&d, &r, type);
		CHECK(SEC_OK(st, 1u), "BD%d digest 0x%x status 0x%x", type, kats[i].a_alg, st);
		CHECK(eq_hex(mac, kats[i].out), "BD%d digest 0x%x of \"abc\"", type, kats[i].a_alg);
		/* truncated: mac_len = 3 words */
		memset(mac, 0, 64);
		r.mac_w = 3;
		st = sec_run(&d, &r, type);
		{
			uint8_t want[64];

			unhex(kats[i].out, want);
			CHECK(SEC_OK(st, 1u) && !memcmp(mac, want, 12) && !memcmp(mac + 12, "\0\0\0\0", 4),
			      "BD%d digest 0x%x truncated to 12 bytes", type, kats[i].a_alg);
		}
	}
	drv_close(&d);
}

static void t_hmac(int type)
{
	struct drv d;
	struct sec_req r;
	uint8_t *key, *src, *mac;
	size_t kl, sl;
	uint32_t st;

	drv_open(&d, ZE_KIND_SEC, (unsigned int)type, 0);
	/* RFC 4231 test case 1 */
	key = reg_hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", &kl);
	src = reg(8);
	memcpy(src, "Hi There", 8);
	mac = reg(64);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x11;
	r.a_len = 8;
	r.src = A(src);
	r.mac = A(mac);
	r.a_key = A(key);
	r.akey_w = (unsigned int)kl / 4;
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
	      "BD%d HMAC-SHA256 RFC 4231 #1 (0x%x)", type, st);
	r.a_alg = 0x15;
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
				       "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
	      "BD%d HMAC-SHA512 RFC 4231 #1", type);
	/* RFC 4231 test case 2 */
	key = reg(4);
	memcpy(key, "Jefe", 4);
	sl = 28;
	src = reg(sl);
	memcpy(src, "what do ya want for nothing?", sl);
	r.a_alg = 0x11;
	r.a_key = A(key);
	r.akey_w = 1;
	r.src = A(src);
	r.a_len = (uint32_t)sl;
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
	      "BD%d HMAC-SHA256 RFC 4231 #2", type);
	drv_close(&d);
}

static const char *const sp38a_pt = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51";

static void cipher_kat(int type, unsigned int alg, unsigned int mode, const char *key, unsigned int kcode,
		       const char *iv, const char *pt, const char *ct, const char *what)
{
	struct drv d;
	struct sec_req r;
	uint8_t *k, *v = NULL, *src, *dst;
	size_t n;
	uint32_t st;

	drv_open(&d, ZE_KIND_SEC, (unsigned int)type, 0);
	k = reg_hex(key, NULL);
	if (iv)
		v = reg_hex(iv, NULL);
	src = reg_hex(pt, &n);
	dst = reg(n);
	memset(&r, 0, sizeof(r));
	r.cipher = 1;
	r.c_alg = alg;
	r.c_mode = mode;
	r.c_key_len = kcode;
	r.c_len = (uint32_t)n;
	r.de = 1;
	r.src = A(src);
	r.dst = A(dst);
	r.c_key = A(k);
	r.c_iv = A(v);
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 2u) && eq_hex(dst, ct), "BD%d %s encrypt (0x%x)", type, what, st);
	/* decrypt in place (de 0) */
	memcpy(src, dst, n);
	r.cipher = 2;
	r.de = 0;
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 2u) && eq_hex(src, pt), "BD%d %s decrypt in place (0x%x)", type, what, st);
	drv_close(&d);
}

static void t_ciphers(int type)
{
	const char *k128 = "2b7e151628aed2a6abf7158809cf4f3c";

	/* NIST SP 800-38A F.1.1, F.2.1, F.5.1 (first two blocks) */
	cipher_kat(type, 2, 0, k128, 0, NULL, sp38a_pt,
		   "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf", "AES-128-ECB");
	cipher_kat(type, 2, 1, k128, 0, "000102030405060708090a0b0c0d0e0f", sp38a_pt,
		   "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2", "AES-128-CBC");
	/* GB/T 32907-2016 appendix A.1 */
	cipher_kat(type, 3, 0, "0123456789abcdeffedcba9876543210", 0, NULL,
		   "0123456789abcdeffedcba9876543210", "681edf34d206965e86b3e94f536e4246", "SM4-ECB");
	if (type == 3)
		cipher_kat(type, 2, 4, k128, 0, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", sp38a_pt,
			   "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff",
			   "AES-128-CTR");
}

static void aead_kat(int type, unsigned int mode, const char *key, const char *civ, const char *aiv,
		     const char *aad, const char *pt, const char *ct, const char *tag, const char *what)
{
	struct drv d;
	struct sec_req r;
	uint8_t *k, *cv, *av, *src, *dst, *mac, tmp[512];
	size_t an = 0, n, tl, i;
	uint32_t st;

	drv_open(&d, ZE_KIND_SEC, (unsigned int)type, 0);
	k = reg_hex(key, NULL);
	cv = reg_hex(civ, NULL);
	av = reg_hex(aiv, NULL);
	an = unhex(aad, tmp);
	n = unhex(pt, tmp + an);
	src = reg(an + n);
	memcpy(src, tmp, an + n);
	dst = reg(an + n);
	tl = unhex(tag, tmp);
	mac = reg(16);
	memset(&r, 0, sizeof(r));
	r.cipher = 1;
	r.c_alg = 2;
	r.c_mode = mode;
	r.icv = (unsigned int)tl;
	r.de = 1;
	r.a_len = (uint32_t)an;
	r.c_off = (uint32_t)an;
	r.c_len = (uint32_t)n;
	r.src = A(src);
	r.dst = A(dst);
	r.c_key = r.a_key = A(k);
	r.c_iv = A(cv);
	r.a_iv = A(av);
	r.mac = A(mac);
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 3u) && eq_hex(dst + an, ct) && eq_hex(mac, tag), "BD%d %s encrypt (0x%x)", type, what, st);
	/* decrypt: the expected tag at mac_addr */
	memcpy(src + an, dst + an, n);
	memset(dst, 0, an + n);
	r.cipher = 2;
	r.seq = 1;
	st = sec_run(&d, &r, type);
	CHECK(SEC_OK(st, 3u) && eq_hex(dst + an, pt), "BD%d %s decrypt (0x%x)", type, what, st);
	/* tampered tag: icv = 2, error 0 */
	mac[0] ^= 1;
	st = sec_run(&d, &r, type);
	CHECK(((st >> 1) & 7) == 2 && (st >> 16) == 0 && (st & 1), "BD%d %s tampered tag -> icv 2 (0x%x)",
	      type, what, st);
	for (i = 0; i < n && dst[an + i] == 0; i++)
		;
	(void)i;
	drv_close(&d);
}

static void t_aead(int type)
{
	const char *gk = "feffe9928665731c6d6a8f9467308308", *giv = "cafebabefacedbaddecaf888";

	/* GCM specification (McGrew/Viega) test case 3 (no AAD) and 4 (AAD, 60-byte text) */
	aead_kat(type, 6, gk, giv, giv, "",
		 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
		 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
		 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
		 "4d5c2af327cd64a62cf35abd2ba6fab4", "AES-128-GCM #3");
	aead_kat(type, 6, gk, giv, giv, "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
		 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
		 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		 "5bc94fbc3221a5db94fae95ae7121a47", "AES-128-GCM #4");
	/* NIST SP 800-38C example 1: nonce 10..16 (7 bytes, L = 8), tag 4.
	 * c_ivin = L'=7 || nonce || counter 0..01; a_ivin = B0. */
	aead_kat(type, 5, "404142434445464748494a4b4c4d4e4f",
		 "07101112131415160000000000000001", "4f101112131415160000000000000004",
		 "0001020304050607", "20212223", "7162015b", "4dac255d", "AES-128-CCM SP 800-38C #1");
}

/* AES-CMAC RFC 4493 examples 2-4 and AES-GMAC (GCM specification test case 1: K = 0, IV = 0,
 * empty message); V3 only, refused on V2. */
static void t_aes_macs(void)
{
	static const char *const msgs[] = { "6bc1bee22e409f96e93d7e117393172a",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
		"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710" };
	static const char *const tags[] = { "070a16b46b4d4144f79bdd9dd04a287c", "dfa66747de9ae63030ca32611497c827",
		"51f0bebf7e3b9d92fc49741779363cfe" };
	struct drv d;
	struct sec_req r;
	uint8_t *key, *src, *mac, *iv;
	size_t n;
	uint32_t st;
	int i;

	drv_open(&d, ZE_KIND_SEC, 3, 0);
	key = reg_hex("2b7e151628aed2a6abf7158809cf4f3c", NULL);
	mac = reg(16);
	for (i = 0; i < 3; i++) {
		src = reg_hex(msgs[i], &n);
		memset(&r, 0, sizeof(r));
		r.auth = 1;
		r.a_alg = 0x21;
		r.a_len = (uint32_t)n;
		r.src = A(src);
		r.mac = A(mac);
		r.a_key = A(key);
		r.akey_w = 4;
		st = sec_run(&d, &r, 3);
		CHECK(SEC_OK(st, 1u) && eq_hex(mac, tags[i]), "AES-CMAC RFC 4493 example %d (0x%x)", i + 2, st);
	}
	r.a_len = 0;
	st = sec_run(&d, &r, 3);
	CHECK((st >> 16) == 4, "zero-length CMAC -> length error (0x%x)", st);
	key = reg(16);
	iv = reg(12);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x22;
	r.src = A(mac);
	r.mac = A(mac);
	r.a_key = A(key);
	r.akey_w = 4;
	r.a_iv = A(iv);
	{
		uint8_t b[128];

		bd3(&r, b);
		st32(b + 56, 1 | 1u << 2 | 4u << 9 | 0x22u << 15);   /* ai_gen 1 */
		st32(b, 3 | 1u << 5);                                 /* scene 1 */
		run1(&d, b);
		st = (uint32_t)(b[112] | b[113] << 8) | (uint32_t)b[114] << 16;
	}
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, "58e2fccefa7e3061367f1d57a4e7455a"), "AES-GMAC, GCM test case 1 (0x%x)", st);
	drv_close(&d);
	drv_open(&d, ZE_KIND_SEC, 2, 0);
	key = reg(16);
	src = reg(16);
	mac = reg(16);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x21;
	r.a_len = 16;
	r.src = A(src);
	r.mac = A(mac);
	r.a_key = A(key);
	r.akey_w = 4;
	st = sec_run(&d, &r, 2);
	CHECK((st >> 16) == 2, "AES-CMAC on V2 -> not offered (0x%x)", st);
	drv_close(&d);
}

static void t_sec_errors(void)
{
	struct drv d;
	struct sec_req r;
	uint8_t *k, *src, *dst, *mac;
	uint32_t st;

	drv_open(&d, ZE_KIND_SEC, 2, 0);
	k = reg(32);
	src = reg(64);
	dst = reg(64);
	mac = reg(64);
	memset(&r, 0, sizeof(r));
	r.cipher = 1;
	r.c_alg = 2;
	r.c_mode = 1;
	r.c_len = 17;
	r.de = 1;
	r.src = A(src);
	r.dst = A(dst);
	r.c_key = A(k);
	r.c_iv = A(k);
	st = sec_run(&d, &r, 2);
	CHECK((st & 1) && (st >> 16) == 0x04, "CBC length 17 -> length error (0x%x)", st);
	r.c_len = 16;
	r.c_key_len = 5;
	st = sec_run(&d, &r, 2);
	CHECK((st & 1) && (st >> 16) == 0x03, "bad AES key code -> key error (0x%x)", st);
	r.c_key_len = 0;
	r.c_mode = 4;
	st = sec_run(&d, &r, 2);
	CHECK((st >> 16) == 0x02, "CTR on V2 -> unsupported (0x%x)", st);
	r.c_mode = 1;
	r.src = 0x10;
	st = sec_run(&d, &r, 2);
	CHECK((st >> 16) == 0x05, "bad source -> address error (0x%x)", st);
	r.src = A(src);
	st = sec_run(&d, &r, 3);
	CHECK((st >> 16) == 0x01, "BD3 on a V2 device -> BD type error (0x%x)", st);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x01;
	r.src = A(src);
	r.mac = A(mac);
	st = sec_run(&d, &r, 2);
	CHECK((st >> 16) == 0x04, "zero-length hash on V2 -> length error (0x%x)", st);
	/* invalid BD: completes, touches nothing */
	memset(mac, 0x5A, 64);
	r.a_len = 3;
	r.invalid = 1;
	st = sec_run(&d, &r, 2);
	CHECK(st == 1 && mac[0] == 0x5A, "invalid BD: done, no error, MAC untouched (0x%x)", st);
	drv_close(&d);

	drv_open(&d, ZE_KIND_SEC, 3, 0);
	src = reg(1);
	mac = reg(32);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x01;
	r.src = A(mac);   /* UADK: never address 0 */
	r.mac = A(mac);
	st = sec_run(&d, &r, 3);
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
	      "V3: SHA-256 of the empty message (FIPS 180-4 / CAVP Len = 0) (0x%x)", st);
	st = sec_run(&d, &r, 2);
	CHECK((st >> 16) == 0x01, "BD2 on a V3 device -> BD type error (0x%x)", st);
	drv_close(&d);
}

#include "ze_crypto_test_hpre.inc"
#include "ze_crypto_test_ecc.inc"

/* The portable SM3/SM4 (ze_sm.c, the kernel stub's fallback): GB/T 32905 A.1/A.2, GB/T 32907 A.1/A.2,
 * and agreement with OpenSSL's SM3/HMAC-SM3/SM4 on random data. */
#include "ze_sm.h"
#include "ze_crypto.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include "ze_crypto_test_long.inc"

/* One AES block with OpenSSL (ECB context), as a ze_block_fn. */
static void aes_block(const void *ctx, const uint8_t in[16], uint8_t out[16])
{
	int n = 0;

	EVP_EncryptUpdate((EVP_CIPHER_CTX *)(uintptr_t)ctx, out, &n, in, 16);
}

static void t_sm_portable(void)
{
	uint8_t out[64], ref[64], key[16], iv[16], buf[1000], enc[1000], back[1000];
	unsigned int n = 0;
	int i, rounds;

	ze_sm3(NULL, 0, (const uint8_t *)"abc", 3, out);
	CHECK(eq_hex(out, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"), "SM3 abc");
	memset(buf, 0, sizeof(buf));
	for (i = 0; i < 16; i++)
		memcpy(buf + 4 * i, "abcd", 4);
	ze_sm3(NULL, 0, buf, 64, out);
	CHECK(eq_hex(out, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"), "SM3 abcd x 16");
	unhex("0123456789abcdeffedcba9876543210", key);
	ze_sm4(ZE_SM4_ECB, key, NULL, 1, key, out, 16);
	CHECK(eq_hex(out, "681edf34d206965e86b3e94f536e4246"), "SM4 GB/T 32907 A.1");
	ze_sm4(ZE_SM4_ECB, key, NULL, 0, out, out, 16);
	CHECK(!memcmp(out, key, 16), "SM4 A.1 decrypt");
	memcpy(out, key, 16);
	for (rounds = 0; rounds < 1000000; rounds++)
		ze_sm4(ZE_SM4_ECB, key, NULL, 1, out, out, 16);
	CHECK(eq_hex(out, "595298c7c6fd271f0402f804c33d3f66"), "SM4 GB/T 32907 A.2 (10^6 encryptions)");
	srand(7);
	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (uint8_t)rand();
	memcpy(iv, buf + 100, 16);
	for (i = 1; i < 200; i += 37) {
		HMAC(EVP_get_digestbyname("SM3"), buf + 500, i % 90, buf, (size_t)i * 5, ref, &n);
		ze_sm3(buf + 500, (uint32_t)(i % 90), buf, (size_t)i * 5, out);
		CHECK(n == 32 && !memcmp(out, ref, 32), "HMAC-SM3 = OpenSSL (key %d, %d bytes)", i % 90, i * 5);
	}
	{
		static const int modes[] = { ZE_SM4_CBC, ZE_SM4_CTR };
		static const char *const names[] = { "SM4-CBC", "SM4-CTR" };
		int m;

		for (m = 0; m < 2; m++) {
			EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
			int l1 = 0, l2 = 0;
			size_t len = m ? 999 : 992;

			EVP_EncryptInit_ex(c, EVP_get_cipherbyname(names[m]), NULL, buf + 200, iv);
			EVP_CIPHER_CTX_set_padding(c, 0);
			EVP_EncryptUpdate(c, back, &l1, buf, (int)len);
			EVP_EncryptFinal_ex(c, back + l1, &l2);
			EVP_CIPHER_CTX_free(c);
			ze_sm4(modes[m], buf + 200, iv, 1, buf, enc, len);
			CHECK((size_t)(l1 + l2) == len && !memcmp(enc, back, len), "%s = OpenSSL", names[m]);
			ze_sm4(modes[m], buf + 200, iv, 0, enc, back, len);
			CHECK(!memcmp(back, buf, len), "%s decrypt", names[m]);
		}
	}
	{
		/* The portable GCM/CCM mode code with OpenSSL's AES block: the GCM specification's test
		 * case 4 and SP 800-38C example 1; then SM4-GCM/CCM round trips and tampered tags. */
		EVP_CIPHER_CTX *aes = EVP_CIPHER_CTX_new();
		uint8_t k[16], gk[16], nonce[12], aad[20], pt[64], ct[64], tag[16];
		size_t an, n;
		int ccm;

		unhex("feffe9928665731c6d6a8f9467308308", gk);
		EVP_EncryptInit_ex(aes, EVP_aes_128_ecb(), NULL, gk, NULL);
		EVP_CIPHER_CTX_set_padding(aes, 0);
		unhex("cafebabefacedbaddecaf888", nonce);
		an = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aad);
		n = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
			  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt);
		CHECK(ze_gcm(aes_block, aes, nonce, aad, (uint32_t)an, 1, pt, ct, n, tag, 16) == 0 &&
		      eq_hex(ct, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
			     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091") &&
		      eq_hex(tag, "5bc94fbc3221a5db94fae95ae7121a47"), "portable GCM, AES: test case 4");
		CHECK(ze_gcm(aes_block, aes, nonce, aad, (uint32_t)an, 0, ct, ct, n, tag, 16) == 0 &&
		      !memcmp(ct, pt, n), "portable GCM decrypt");
		unhex("404142434445464748494a4b4c4d4e4f", k);
		EVP_EncryptInit_ex(aes, EVP_aes_128_ecb(), NULL, k, NULL);
		unhex("10111213141516", nonce);
		an = unhex("0001020304050607", aad);
		n = unhex("20212223", pt);
		CHECK(ze_ccm(aes_block, aes, nonce, 7, aad, (uint32_t)an, 1, pt, ct, n, tag, 4) == 0 &&
		      eq_hex(ct, "7162015b") && eq_hex(tag, "4dac255d"), "portable CCM, AES: SP 800-38C example 1");
		CHECK(ze_ccm(aes_block, aes, nonce, 7, aad, (uint32_t)an, 0, ct, ct, n, tag, 4) == 0 &&
		      !memcmp(ct, pt, n), "portable CCM decrypt");
		tag[0] ^= 1;
		CHECK(ze_ccm(aes_block, aes, nonce, 7, aad, (uint32_t)an, 0, ct, pt, n, tag, 4) == 1,
		      "portable CCM tampered tag");
		EVP_CIPHER_CTX_free(aes);
		for (ccm = 0; ccm < 2; ccm++) {
			int r1 = ze_sm4_aead(ccm, buf + 300, buf + 400, ccm ? 12 : 12, buf + 600, 33, 1, buf, enc, 200,
					     tag, 16);
			int r2 = ze_sm4_aead(ccm, buf + 300, buf + 400, 12, buf + 600, 33, 0, enc, back, 200, tag, 16);

			CHECK(r1 == 0 && r2 == 0 && !memcmp(back, buf, 200) && memcmp(enc, buf, 200),
			      "SM4-%s round trip", ccm ? "CCM" : "GCM");
			tag[5] ^= 1;
			CHECK(ze_sm4_aead(ccm, buf + 300, buf + 400, 12, buf + 600, 33, 0, enc, back, 200, tag, 16) == 1,
			      "SM4-%s tampered tag", ccm ? "CCM" : "GCM");
		}
	}
}


int main(int argc, char **argv)
{
	ze_global_init();
	zp_log_level = 0;
	if (argc > 1 && !strcmp(argv[1], "bench")) {   /* time per HPRE request, no checks */
		bench_only = argc > 2 ? argv[2] : NULL;
		bench_hpre();
		return 0;
	}
	t_digests(2);
	t_digests(3);
	t_hmac(2);
	t_hmac(3);
	t_ciphers(2);
	t_ciphers(3);
	t_aead(2);
	t_aead(3);
	t_sec_errors();
	t_long_hash(2);
	t_long_hash(3);
	t_aes_macs();
	t_hpre();
	t_ecc_crosscheck();
	t_sm_portable();
	printf("ze_crypto_test: %d checks, %d failed\n", checks, fails);
	return fails ? 1 : 0;
}
