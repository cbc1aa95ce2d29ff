// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_crypto_smoke.c - smoke test of the kernel stub's SEC and HPRE devices
 * (module parameters sec=N hpre=N), run inside the VM. A client written from
 * the spec: finds hisi_sec2-* / hisi_hpre-* in /sys/class/uacce, checks their
 * sysfs values, maps one queue of each, sends SEC BDs (BD2 on api 2, BD3 on
 * api 3) and HPRE SQEs through the real syscall path and checks known
 * answers (FIPS 180-4, GB/T 32905/32907, RFC 4231, SP 800-38A, the GCM
 * specification, RFC 7748, textbook RSA), computed by the kernel crypto API
 * behind the stub, and long hashes (FIPS 180-2's 10^6 x 'a', RFC 1321)
 * chained over first/middle/end BDs, computed by the engine's own ze_md.c.
 * SVA mode only. Exit status 0 = every check passed.
 *
 *   hzs_crypto_smoke [api]      (api: the module's api parameter, default 2)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "ze_check.h"
#include "ze_bdfmt.h"

#define START_Q      _IO('W', 0)
struct qp_ctx { uint16_t id, qc_type; };
struct qp_info { uint32_t sqe_size; uint16_t sq_depth, cq_depth; uint64_t reserved; };
#define SET_QP_CTX   _IOWR('H', 10, struct qp_ctx)
#define SET_QP_INFO  _IOWR('H', 11, struct qp_info)
#define DEPTH 1024

static int api = 2;
static long page;

struct q {
	int fd, qn;
	unsigned int sqe;
	uint8_t *mmio, *dus;
	size_t mmio_len, dus_len;
	uint16_t tail, head;
	int phase;
};

static long sysl(const char *dev, const char *attr)
{
	char d[256];

	snprintf(d, sizeof(d), "/sys/class/uacce/%s", dev);
	return sysfs_long(d, attr);
}

static int sys_str(const char *dev, const char *attr, char *buf, size_t n)
{
	char p[512];
	FILE *f;
	size_t k;

	snprintf(p, sizeof(p), "/sys/class/uacce/%s/%s", dev, attr);
	f = fopen(p, "r");
	if (!f)
		return -1;
	k = fread(buf, 1, n - 1, f);
	buf[k] = 0;
	fclose(f);
	return 0;
}

/* The first /sys/class/uacce entry named prefix-N. */
static int find_dev(const char *prefix, char *name, size_t n)
{
	DIR *d = opendir("/sys/class/uacce");
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)) && e->d_name[strlen(prefix)] == '-') {
			snprintf(name, n, "%s", e->d_name);
			found = 1;
		}
	closedir(d);
	return found;
}

static int q_open(struct q *q, const char *dev, int qc_type, unsigned int sqe)
{
	struct qp_ctx c = { 0, (uint16_t)qc_type };
	struct qp_info info;
	char path[300];

	memset(q, 0, sizeof(*q));
	q->phase = 1;
	q->sqe = sqe;
	snprintf(path, sizeof(path), "/dev/%s", dev);
	q->fd = open(path, O_RDWR | O_CLOEXEC);
	if (q->fd < 0)
		return -1;
	q->dus_len = (size_t)sysl(dev, "region_dus_size");
	q->mmio_len = (size_t)sysl(dev, "region_mmio_size");
	q->dus = mmap(NULL, q->dus_len, PROT_READ | PROT_WRITE, MAP_SHARED, q->fd, page);
	q->mmio = mmap(NULL, q->mmio_len, PROT_READ | PROT_WRITE, MAP_SHARED, q->fd, 0);
	if (q->dus == MAP_FAILED || q->mmio == MAP_FAILED || ioctl(q->fd, SET_QP_CTX, &c))
		return -1;
	q->qn = c.id;
	memset(&info, 0, sizeof(info));
	CHECK(ioctl(q->fd, SET_QP_INFO, &info) == 0 && info.sqe_size == sqe && info.sq_depth == DEPTH &&
	      info.cq_depth == DEPTH, "%s SET_QP_INFO %u/%u/%u", dev, info.sqe_size, info.sq_depth,
	      info.cq_depth);
	return ioctl(q->fd, START_Q);
}

static void q_close(struct q *q)
{
	munmap(q->dus, q->dus_len);
	munmap(q->mmio, q->mmio_len);
	close(q->fd);
}

static void doorbell(struct q *q, unsigned int cmd, unsigned int idx, unsigned int prio)
{
	uint64_t v = (uint64_t)(q->qn & 0xFFF) | ((uint64_t)cmd << 12) | ((uint64_t)idx << 32) |
		     ((uint64_t)prio << 48);

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*(volatile uint64_t *)(q->mmio + 0x1000) = v;
}

/* One request: copy into the SQ, ring, wait (10 s, re-kicking), copy the slot back. */
static int run1(struct q *q, uint8_t *s)
{
	uint8_t *cq = q->dus + (size_t)q->sqe * DEPTH;
	struct timespec t0, t;
	unsigned int spins = 0;

	memcpy(q->dus + (size_t)q->sqe * q->tail, s, q->sqe);
	q->tail = (q->tail + 1) % DEPTH;
	doorbell(q, 0, q->tail, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		uint8_t *e = cq + 16 * q->head;
		uint16_t w7 = *(volatile uint16_t *)(e + 14), slot;

		if ((w7 & 1) == q->phase) {
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			memcpy(&slot, e + 8, 2);
			memcpy(s, q->dus + (size_t)q->sqe * (slot % DEPTH), q->sqe);
			if (++q->head == DEPTH) {
				q->head = 0;
				q->phase ^= 1;
			}
			doorbell(q, 1, q->head, 1);
			return 0;
		}
		if (++spins % 1000 == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec > 10)
				return -1;
			usleep(100);
			if (spins % 10000 == 0)
				doorbell(q, 0, q->tail, 0);   /* memory doorbell: re-kick */
		}
	}
}

/* done_flag | error_type << 16 of one SEC request. */
static uint32_t sec(struct q *q, const struct sec_req *r)
{
	uint8_t b[128];
	int type = api >= 3 ? 3 : 2;

	if (type == 3)
		bd3(r, b);
	else
		bd2(r, b);
	if (run1(q, b)) {
		CHECK(0, "SEC request timed out");
		return 0xFFFFFFFF;
	}
	return (uint32_t)(b[112] | b[113] << 8) | (uint32_t)b[114] << 16;
}

#define SEC_OK(st, flag) ((st) == (1u | (flag) << 7))

static void digest(struct q *q, unsigned int a_alg, const char *key, const void *msg, size_t n,
		   const char *want, const char *what)
{
	uint8_t *src = calloc(1, n + 1), *mac = calloc(1, 64), k[64];
	struct sec_req r;
	uint32_t st;

	memcpy(src, msg, n);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = a_alg;
	r.a_len = (uint32_t)n;
	r.src = A(src);
	r.mac = A(mac);
	if (key) {
		r.akey_w = (unsigned int)unhex(key, k) / 4;
		r.a_key = A(k);
	}
	st = sec(q, &r);
	CHECK(SEC_OK(st, 1u) && eq_hex(mac, want), "%s (status 0x%x)", what, st);
	free(src);
	free(mac);
}

/*
 * Long hash (spec §S2.5): msg as a first BD of `first` bytes, middle BDs of `mid` bytes while more
 * than `mid` bytes remain past them, the rest as the end BD (long_a_data_len = all bits); the
 * chaining value in the MAC buffer (a_ivin = mac_addr, as the driver does).
 */
static void long_digest(struct q *q, unsigned int a_alg, const uint8_t *msg, size_t n, uint32_t first, uint32_t mid,
			const char *want, const char *what)
{
	uint8_t *src = malloc(n), *mac = calloc(1, 64);
	struct sec_req r;
	size_t at = 0;
	uint32_t st = 0;
	int bds = 0;

	memcpy(src, msg, n);
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = a_alg;
	r.mac = A(mac);
	while (at < n) {
		uint32_t len = at == 0 ? first : n - at > mid ? mid : (uint32_t)(n - at);
		int end = at + len == n;

		r.ai_gen = at ? 1 : 0;
		r.a_pad = end ? 0 : 1;
		r.a_iv = at ? A(mac) : 0;
		r.src = A(src + at);
		r.a_len = len;
		r.long_bits = end ? 8ull * n : 0;
		st = sec(q, &r);
		bds++;
		if (!SEC_OK(st, 1u))
			break;
		at += len;
	}
	CHECK(at == n && SEC_OK(st, 1u) && eq_hex(mac, want), "%s, %d BDs (status 0x%x)", what, bds, st);
	free(src);
	free(mac);
}

static void t_long_hash(struct q *q)
{
	uint8_t *a = malloc(1000000), digits[80], blk[64];
	struct sec_req r;
	uint32_t st;
	int i;

	memset(a, 'a', 1000000);
	/* FIPS 180-2 appendices A.3, B.3, C.3: 1 000 000 x 'a' */
	long_digest(q, 0x01, a, 1000000, 65536, 131072,
		    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		    "SHA-256 of 10^6 x 'a' as a long hash (FIPS 180-2)");
	long_digest(q, 0x00, a, 1000000, 999936, 999936, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
		    "SHA-1 of 10^6 x 'a', 999 936 + 64 (FIPS 180-2)");
	long_digest(q, 0x05, a, 1000000, 128, 262144,
		    "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a"
		    "4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
		    "SHA-512 of 10^6 x 'a' as a long hash (FIPS 180-2)");
	for (i = 0; i < 8; i++)
		memcpy(digits + 10 * i, "1234567890", 10);
	long_digest(q, 0x02, digits, 80, 64, 64, "57edf4a22be3c955ac49da2e2107b67a",
		    "MD5 of the 80 digits, 64 + 16 (RFC 1321 A.5)");
	/* a first BD that is not whole blocks: error_type 4 */
	memset(&r, 0, sizeof(r));
	r.auth = 1;
	r.a_alg = 0x01;
	r.a_pad = 1;
	r.a_len = 63;
	r.src = A(blk);
	r.mac = A(digits);
	st = sec(q, &r);
	CHECK((st & 1) && (st >> 16) == 4, "long-hash first BD of 63 bytes -> error_type 4 (0x%x)", st);
	free(a);
}

static void cipher(struct q *q, unsigned int alg, unsigned int mode, const char *key, const char *iv,
		   const char *pt, const char *ct, const char *what)
{
	uint8_t k[32], v[16], src[64], dst[64];
	struct sec_req r;
	size_t n = unhex(pt, src);
	uint32_t st;

	unhex(key, k);
	if (iv)
		unhex(iv, v);
	memset(&r, 0, sizeof(r));
	r.cipher = 1;
	r.c_alg = alg;
	r.c_mode = mode;
	r.c_len = (uint32_t)n;
	r.de = 1;
	r.src = A(src);
	r.dst = A(dst);
	r.c_key = A(k);
	r.c_iv = iv ? A(v) : 0;
	st = sec(q, &r);
	CHECK(SEC_OK(st, 2u) && eq_hex(dst, ct), "%s encrypt (0x%x)", what, st);
	r.cipher = 2;
	r.src = A(dst);
	r.dst = A(src);
	memset(src, 0, sizeof(src));
	st = sec(q, &r);
	CHECK(SEC_OK(st, 2u) && eq_hex(src, pt), "%s decrypt (0x%x)", what, st);
}

static const char *const sp38a_key = "2b7e151628aed2a6abf7158809cf4f3c";
static const char *const sp38a_pt = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51";

static void t_sec(const char *dev)
{
	char algs[128];
	struct q q;
	long want = ((128 * 1024 + 16 * 1024 + page - 1) / page + 1) * page;

	CHECK(sys_str(dev, "algorithms", algs, sizeof(algs)) == 0 && !strcmp(algs, "cipher\ndigest\naead\n"),
	      "%s algorithms '%s'", dev, algs);
	CHECK(sysl(dev, "region_dus_size") == want, "%s region_dus_size %ld", dev, sysl(dev, "region_dus_size"));
	if (q_open(&q, dev, 0, 128)) {
		CHECK(0, "open/map/start %s", dev);
		return;
	}
	digest(&q, 0x01, NULL, "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "SHA-256 \"abc\" (FIPS 180-4)");
	digest(&q, 0x00, NULL, "abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d", "SHA-1 \"abc\"");
	digest(&q, 0x06, NULL, "abc", 3, "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
	       "SHA-512/224 \"abc\" (FIPS 180-4; kernel sha512 with the /224 IV)");
	digest(&q, 0x25, NULL, "abc", 3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
	       "SM3 \"abc\" (GB/T 32905)");
	digest(&q, 0x02, NULL, "abc", 3, "900150983cd24fb0d6963f7d28e17f72", "MD5 \"abc\" (RFC 1321)");
	{
		/* GB/T 32905 A.2: "abcd" x 16 */
		char m[65];
		int i;

		for (i = 0; i < 16; i++)
			memcpy(m + 4 * i, "abcd", 4);
		digest(&q, 0x25, NULL, m, 64, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
		       "SM3 \"abcd\" x 16 (GB/T 32905)");
	}
	t_long_hash(&q);
	digest(&q, 0x11, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", 8,
	       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "HMAC-SHA256 RFC 4231 #1");
	cipher(&q, 2, 1, sp38a_key, "000102030405060708090a0b0c0d0e0f", sp38a_pt,
	       "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2", "AES-128-CBC SP 800-38A");
	cipher(&q, 3, 0, "0123456789abcdeffedcba9876543210", NULL, "0123456789abcdeffedcba9876543210",
	       "681edf34d206965e86b3e94f536e4246", "SM4-ECB GB/T 32907");
	cipher(&q, 3, 1, "0123456789abcdeffedcba9876543210", "00000000000000000000000000000000",
	       "0123456789abcdeffedcba9876543210", "681edf34d206965e86b3e94f536e4246",
	       "SM4-CBC, zero IV = ECB for one block (GB/T 32907)");
	if (api >= 3)
		cipher(&q, 2, 4, sp38a_key, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", sp38a_pt,
		       "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff", "AES-128-CTR SP 800-38A");
	{
		/* GCM specification test case 4: AAD 20 bytes, text 60 bytes, tag 16 */
		uint8_t k[16], iv[12], buf[80], out[80], tag[16];
		struct sec_req r;
		uint32_t st;
		size_t an = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", buf);
		size_t n = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
				 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", buf + an);

		unhex("feffe9928665731c6d6a8f9467308308", k);
		unhex("cafebabefacedbaddecaf888", iv);
		memset(&r, 0, sizeof(r));
		r.cipher = 1;
		r.c_alg = 2;
		r.c_mode = 6;
		r.icv = 16;
		r.de = 1;
		r.a_len = r.c_off = (uint32_t)an;
		r.c_len = (uint32_t)n;
		r.src = A(buf);
		r.dst = A(out);
		r.c_key = r.a_key = A(k);
		r.c_iv = r.a_iv = A(iv);
		r.mac = A(tag);
		st = sec(&q, &r);
		CHECK(SEC_OK(st, 3u) && eq_hex(out + an, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e23"
					      "29aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091") &&
		      eq_hex(tag, "5bc94fbc3221a5db94fae95ae7121a47"), "AES-128-GCM test case 4 (0x%x)", st);
		memcpy(buf + an, out + an, n);
		tag[3] ^= 0x40;
		r.cipher = 2;
		r.seq = 1;
		st = sec(&q, &r);
		CHECK((st & 1) && ((st >> 1) & 7) == 2 && !(st >> 16), "GCM tampered tag -> icv 2 (0x%x)", st);
	}
	{
		struct sec_req r;
		uint8_t src[32], dst[32], k[16];
		uint32_t st;

		memset(&r, 0, sizeof(r));
		r.cipher = 1;
		r.c_alg = 2;
		r.c_mode = 1;
		r.c_len = 17;
		r.de = 1;
		r.src = A(src);
		r.dst = A(dst);
		r.c_key = r.c_iv = A(k);
		st = sec(&q, &r);
		CHECK((st & 1) && (st >> 16) == 4, "CBC length 17 -> error_type 4 (0x%x)", st);
		r.c_len = 16;
		r.dst = 0xffff800000000000ull;   /* a kernel address */
		st = sec(&q, &r);
		CHECK((st >> 16) == 5, "kernel destination -> error_type 5 (0x%x)", st);
	}
	q_close(&q);
}

/* HPRE: dw0 >> 5 (etype | etype1 << 11 | done << 25). */
static uint32_t hpre(struct q *q, unsigned int alg, uint32_t slot, void *key, void *in, void *out)
{
	uint8_t s[64];
	uint32_t dw0;

	hpre_sqe(s, alg, slot, A(key), A(in), A(out), 0x5EED);
	if (run1(q, s)) {
		CHECK(0, "HPRE request timed out");
		return 0xFFFFFFFF;
	}
	memcpy(&dw0, s, 4);
	return dw0 >> 5;
}

static void t_hpre(const char *dev)
{
	char algs[128];
	uint8_t key[96], in[32], out[32];
	struct q q;
	uint32_t st;
	long want = ((64 * 1024 + 16 * 1024 + page - 1) / page + 1) * page;

	CHECK(sys_str(dev, "algorithms", algs, sizeof(algs)) == 0 &&
	      !strcmp(algs, api >= 3 ? "rsa\ndh\necdh\necdsa\nsm2\nx25519\nx448\n" : "rsa\ndh\n"),
	      "%s algorithms '%s'", dev, algs);
	CHECK(sysl(dev, "region_dus_size") == want, "%s region_dus_size %ld", dev, sysl(dev, "region_dus_size"));
	if (q_open(&q, dev, 0, 64)) {
		CHECK(0, "open/map/start %s (qc_type 0)", dev);
		return;
	}
	/* textbook RSA: n = 3233, e = 17, d = 2753; CRT dq 49 dp 53 q 53 p 61 qinv 38 */
	memset(key, 0, sizeof(key));
	memset(in, 0, sizeof(in));
	put_slot(key, 16, 0, "11");
	put_slot(key, 16, 1, "0ca1");
	put_slot(in, 16, 0, "41");
	st = hpre(&q, 0x0, 16, key, in, out);
	CHECK(st == 3u << 25 && eq_hex(out, "00000000000000000000000000000ae6"), "RSA 65^17 mod 3233 (0x%x)", st);
	memcpy(in, out, 16);
	memset(key, 0, sizeof(key));
	put_slot(key, 8, 0, "31");
	put_slot(key, 8, 1, "35");
	put_slot(key, 8, 2, "35");
	put_slot(key, 8, 3, "3d");
	put_slot(key, 8, 4, "26");
	st = hpre(&q, 0x1, 16, key, in, out);
	CHECK(st == 3u << 25 && eq_hex(out, "00000000000000000000000000000041"), "RSA CRT 2790 -> 65 (0x%x)", st);
	st = hpre(&q, 0x10, 32, key, in, out);
	CHECK((st >> 25) == 3 && (st & 0x7FF) == 1, "X25519 on an RSA/DH queue -> etype 1 (0x%x)", st);
	q_close(&q);
	if (api < 3)
		return;
	if (q_open(&q, dev, 1, 64)) {
		CHECK(0, "open/map/start %s (qc_type 1)", dev);
		return;
	}
	/* RFC 7748 §5.2 X25519 vector 1 */
	memset(key, 0, sizeof(key));
	put_slot(key, 32, 0, "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed");
	put_slot(key, 32, 1, "01db41");
	unhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", key + 64);
	key[64] &= 248; key[95] &= 127; key[95] |= 64;
	reverse(key + 64, 32);
	unhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", in);
	in[31] &= 127;
	reverse(in, 32);
	st = hpre(&q, 0x10, 32, key, in, out);
	reverse(out, 32);
	CHECK(st == 3u << 25 && eq_hex(out, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
	      "X25519 RFC 7748 (0x%x)", st);
	q_close(&q);
}

int main(int argc, char **argv)
{
	char dev[300];

	page = sysconf(_SC_PAGESIZE);
	if (argc > 1)
		api = atoi(argv[1]);
	if (find_dev("hisi_sec2", dev, sizeof(dev)))
		t_sec(dev);
	else
		CHECK(0, "no hisi_sec2-N in /sys/class/uacce (module parameter sec=1?)");
	if (find_dev("hisi_hpre", dev, sizeof(dev)))
		t_hpre(dev);
	else
		CHECK(0, "no hisi_hpre-N in /sys/class/uacce (module parameter hpre=1?)");
	printf("hzs_crypto_smoke: %d checks, %d failed\n", checks, fails);
	return fails ? 1 : 0;
}
