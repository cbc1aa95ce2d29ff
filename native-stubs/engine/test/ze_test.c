// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_test.c - user-space unit test of the engine core, against the system
 * zlib and the gzip tool. Plays the driver: writes SQEs into a ring in
 * ordinary memory, rings the doorbell word, calls ze_queue_service() and
 * reads CQEs. Exit status 0 = all checks passed.
 */
#include "ze_core.h"
#include <stdarg.h>
#include <unistd.h>

#include "ze_check.h"

#include "ze_testmem.h"

/* ---------------------------------------------------- mini driver */
struct drv {
	struct ze_queue q;
	uint8_t *mmio, *dus;
	size_t dus_size;
	unsigned int api, depth;
	uint16_t tail, head;
	int phase;
	int latched;            /* doorbells through ze_queue_doorbell() */
};

static int drv_latched;         /* drv_open: cfg.latched for the next queue */
static int drv_cq_fault;        /* drv_open: cfg.cq_fault for the next queue */

static void drv_open(struct drv *d, unsigned int api, unsigned int depth, int dir)
{
	struct ze_queue_cfg c;

	memset(d, 0, sizeof(*d));
	d->api = api;
	d->depth = depth;
	d->mmio = calloc(1, 8192);
	d->dus_size = ((128 * depth + 16 * depth + 4095) / 4096 + 1) * 4096;
	d->dus = calloc(1, d->dus_size);
	memset(d->dus, 0xA5, d->dus_size);   /* the kernel must clear the CQ */
	memset(&c, 0, sizeof(c));
	c.api = api;
	c.qn = 5;
	c.sq_depth = c.cq_depth = (uint16_t)depth;
	c.mmio = d->mmio;
	c.dus = d->dus;
	c.dus_size = d->dus_size;
	c.mem = &mops;
	c.cq_grace_ns = 20000000;  /* 20 ms */
	c.need_arm = 1;
	c.latched = d->latched = drv_latched;
	c.cq_fault = drv_cq_fault;
	CHECK(ze_queue_init(&d->q, &c) == 0, "init");
	ze_queue_clear_rings(&d->q);
	CHECK(ze_queue_start(&d->q, dir) == 0, "start");
	d->phase = 1;
}

static void drv_close(struct drv *d)
{
	ze_queue_destroy(&d->q);
	free(d->mmio);
	free(d->dus);
}

static uint32_t *drv_sqe(struct drv *d, unsigned int slot)
{
	return (uint32_t *)(d->dus + 128 * slot);
}

static void ring(struct drv *d, unsigned int cmd, unsigned int idx, unsigned int prio)
{
	uint64_t v;

	if (d->api == 1)
		v = 5 | ((uint64_t)cmd << 16) | ((uint64_t)idx << 32) | ((uint64_t)prio << 48);
	else
		v = 5 | ((uint64_t)cmd << 12) | ((uint64_t)idx << 32) | ((uint64_t)prio << 48);
	if (d->latched) {
		ze_queue_doorbell(&d->q, v);
		return;
	}
	__atomic_store_n((uint64_t *)(d->mmio + (d->api == 1 ? 0x340 : 0x1000)), v, __ATOMIC_RELEASE);
}

/* Reap one CQE; returns the SQ slot or -1. */
static int reap(struct drv *d, int ring_cq)
{
	uint8_t *cqe = d->dus + 128 * d->depth + 16 * d->head;
	uint16_t w7, slot, qn;

	memcpy(&w7, cqe + 14, 2);
	if ((w7 & 1) != d->phase)
		return -1;
	memcpy(&slot, cqe + 8, 2);
	memcpy(&qn, cqe + 10, 2);
	CHECK(qn == 5, "sq_num %u", qn);
	if (++d->head == d->depth) {
		d->head = 0;
		d->phase ^= 1;
	}
	if (ring_cq) {
		ring(d, 1, d->head, 1);
		ze_queue_service(&d->q, zp_now_ns());   /* the engine polls quickly */
	}
	return slot;
}

struct req {
	unsigned int type, alg, flags;   /* flags: dw7 bits 25..27 */
	const void *src;
	uint32_t in_len;
	void *dst;
	uint32_t out_len;
	void *ctx;                        /* stream ctx (device address) */
	uint32_t isize, cksum, tag;
};

/* Submit one SQE, run the engine, return a copy of the completed SQE. */
static void run1(struct drv *d, const struct req *r, uint32_t *out)
{
	uint32_t *s = drv_sqe(d, d->tail);
	uint64_t a;
	int slot, i;

	memset(s, 0, 128);
	s[4] = r->in_len;
	s[7] = r->flags | (r->type << 28);
	s[9] = r->alg | (r->type == 3 ? 4u << 12 : 0);
	s[14] = r->out_len;
	a = (uint64_t)(uintptr_t)r->src;
	s[18] = (uint32_t)a; s[19] = (uint32_t)(a >> 32);
	a = (uint64_t)(uintptr_t)r->dst;
	s[20] = (uint32_t)a; s[21] = (uint32_t)(a >> 32);
	a = (uint64_t)(uintptr_t)r->ctx;
	s[22] = (uint32_t)a; s[23] = (uint32_t)(a >> 32);
	s[30] = r->isize;
	s[31] = r->cksum;
	if (r->type == 3)
		s[26] = r->tag;
	else
		s[13] = r->tag;
	d->tail = (uint16_t)((d->tail + 1) % d->depth);
	ring(d, 0, d->tail, 0);
	for (i = 0; i < 3; i++)
		ze_queue_service(&d->q, zp_now_ns());
	slot = reap(d, 1);
	CHECK(slot >= 0, "no CQE");
	if (slot < 0) {
		memset(out, 0xFF, 128);
		return;
	}
	memcpy(out, drv_sqe(d, slot), 128);
	CHECK(out[7] == s[7] || slot != (int)((d->tail + d->depth - 1) % d->depth), "dw7 kept");
	CHECK((r->type == 3 ? out[26] : out[13]) == r->tag, "tag kept");
	CHECK(out[9] == (r->alg | (r->type == 3 ? 4u << 12 : 0)), "dw9 kept");
}

/* ---------------------------------------------------- data */
static uint8_t *make_data(size_t n, int kind)
{
	uint8_t *p = reg(n);
	size_t i;
	uint32_t x = 12345;
	static const char *words[] = { "uacce ", "queue ", "hisi_zip ", "doorbell ", "phase ", "\n" };

	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		if (kind == 0)
			p[i] = (uint8_t)(x >> 16);
		else if (kind == 1)
			p[i] = 0;
	}
	if (kind == 2) {
		size_t o = 0;

		while (o < n) {
			const char *w;
			size_t l;

			x = x * 1103515245u + 12345u;
			w = words[(x >> 16) % 6];
			l = strlen(w);
			if (l > n - o)
				l = n - o;
			memcpy(p + o, w, l);
			o += l;
		}
	}
	return p;
}

static const uint8_t zhdr[2] = { 0x78, 0x9C };
static const uint8_t ghdr[10] = { 0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03 };

static size_t hdr_len(unsigned int alg)
{
	return alg == ZE_REQ_ZLIB ? 2 : alg == ZE_REQ_GZIP ? 10 : 0;
}

/* System zlib: decode a complete zlib/gzip/raw stream (wbits per alg). */
static long sys_inflate(unsigned int alg, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream s;
	int ret, wb = alg == ZE_REQ_ZLIB ? 15 : alg == ZE_REQ_GZIP ? 31 : -15;
	long got;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, wb) != Z_OK)
		return -1;
	s.next_in = (uint8_t *)in;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	ret = inflate(&s, Z_FINISH);
	got = ret == Z_STREAM_END && s.avail_in == 0 ? (long)s.total_out : -2 - ret;
	inflateEnd(&s);
	return got;
}

static size_t sys_deflate(unsigned int alg, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream s;
	int wb = alg == ZE_REQ_ZLIB ? 15 : alg == ZE_REQ_GZIP ? 31 : -15;
	size_t got;

	memset(&s, 0, sizeof(s));
	deflateInit2(&s, 6, Z_DEFLATED, wb, 8, Z_DEFAULT_STRATEGY);
	s.next_in = (uint8_t *)in;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		abort();
	got = s.total_out;
	deflateEnd(&s);
	return got;
}

/* ---------------------------------------------------- tests */
static void t_doorbell(void)
{
	struct ze_doorbell d;

	ze_doorbell_decode(2, 0x0000000300000005ull, &d);
	CHECK(d.qn == 5 && d.cmd == 0 && d.index == 3 && d.priority == 0, "v2 sq");
	ze_doorbell_decode(3, 0x0001000A00001005ull, &d);
	CHECK(d.qn == 5 && d.cmd == 1 && d.index == 10 && d.priority == 1, "v3 cq");
	ze_doorbell_decode(1, 0x0001000A00010005ull, &d);
	CHECK(d.qn == 5 && d.cmd == 1 && d.index == 10 && d.priority == 1, "v1 cq");
	CHECK(ze_bitrev32(1) == 0x80000000u && ze_bitrev32(0x12345678) == 0x1E6A2C48, "bitrev");
	CHECK(ze_crc32(0, (const uint8_t *)"123456789", 9) == 0xCBF43926u, "crc32");
	CHECK(ze_adler32(1, (const uint8_t *)"Wikipedia", 9) == 0x11E60398u, "adler");
}

/* Block compression through the engine, checked by system zlib. */
static void t_block_compress(unsigned int api, unsigned int type, unsigned int alg, size_t n, int kind)
{
	struct drv d;
	struct req r;
	uint32_t o[32];
	uint8_t *src = make_data(n, kind), *dst, *back;
	size_t h = hdr_len(alg), cap = n + n / 8 + 1024;
	long got;

	drv_open(&d, api, 16, ZE_DIR_COMPRESS);
	dst = reg(cap);
	back = reg(n + 1);
	memcpy(dst, alg == ZE_REQ_ZLIB ? zhdr : ghdr, h);   /* library header */
	memset(&r, 0, sizeof(r));
	r.type = type; r.alg = alg; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = (uint32_t)n; r.dst = dst + h; r.out_len = (uint32_t)(cap - h);
	r.tag = 0xC0FFEE00u + alg;
	run1(&d, &r, o);
	CHECK(o[3] == 0, "status 0x%x (alg %u n %zu)", o[3], alg, n);
	CHECK(o[0] == n, "consumed %u of %zu", o[0], n);
	CHECK(o[30] == (uint32_t)n, "isize");
	if (alg == ZE_REQ_GZIP)
		CHECK(o[31] == ~ze_bitrev32(ze_crc32(0, src, n)), "gzip dw31");
	if (alg == ZE_REQ_ZLIB)
		CHECK(o[31] == ze_adler32(1, src, n), "zlib dw31");
	got = sys_inflate(alg, dst, h + o[1], back, n + 1);
	CHECK(got == (long)n && !memcmp(back, src, n), "system zlib decodes it (%ld)", got);
	if (alg == ZE_REQ_GZIP && n > 0) {
		/* gzip tool as an independent decoder */
		char path[] = "/tmp/ze_test_XXXXXX", cmd[128];
		int fd = mkstemp(path);
		FILE *f;
		size_t m = 0, k;
		uint8_t buf[4096];
		int same = 1;

		CHECK(fd >= 0 && write(fd, dst, h + o[1]) == (ssize_t)(h + o[1]), "tmp");
		close(fd);
		snprintf(cmd, sizeof(cmd), "gzip -dc < %s", path);
		f = popen(cmd, "r");
		while (f && (k = fread(buf, 1, sizeof(buf), f)) > 0) {
			if (m + k > n || memcmp(buf, src + m, k))
				same = 0;
			m += k;
		}
		CHECK(f && pclose(f) == 0 && same && m == n, "gzip -dc round trip");
		unlink(path);
	}
	drv_close(&d);
	unreg_all();
}

/* Block decompression of a system-zlib stream. */
static void t_block_decompress(unsigned int api, unsigned int type, unsigned int alg, size_t n, int kind)
{
	struct drv d;
	struct req r;
	uint32_t o[32];
	uint8_t *src = make_data(n, kind), *cmp, *back;
	size_t h = hdr_len(alg), cap = n + n / 8 + 1024, clen;

	drv_open(&d, api, 16, ZE_DIR_DECOMPRESS);
	cmp = reg(cap + 7);
	back = reg(n + 16);
	clen = sys_deflate(alg, src, n, cmp, cap);
	memcpy(cmp + clen, "JUNKJUN", 7);                      /* trailing garbage */
	memset(&r, 0, sizeof(r));
	r.type = type; r.alg = alg; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = cmp + h; r.in_len = (uint32_t)(clen - h + 7);
	r.dst = back; r.out_len = (uint32_t)(n + 16);
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_OK, "stateless decompression completes with 0x00 (no 0x13, no lstblk): 0x%x", o[3]);
	CHECK(o[0] == clen - h, "consumed %u, stream %zu (trailer included, junk not)", o[0], clen - h);
	CHECK(o[1] == n && !memcmp(back, src, n), "produced %u of %zu", o[1], n);

	/* exact-size output buffer still reaches the end */
	r.out_len = (uint32_t)n;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_OK, "exact fit status 0x%x", o[3]);

	if (n > 100) {
		/* output too small -> 0x0E */
		r.out_len = (uint32_t)(n / 2);
		run1(&d, &r, o);
		CHECK(o[3] == ZE_ST_OUT_SPACE, "small out: 0x%x", o[3]);
		CHECK(o[1] == n / 2, "small out produced %u", o[1]);
		/* truncated input -> 0 without lstblk */
		r.out_len = (uint32_t)(n + 16);
		r.in_len = (uint32_t)((clen - h) / 2);
		run1(&d, &r, o);
		CHECK(o[3] == 0 && o[0] == r.in_len, "truncated: 0x%x consumed %u", o[3], o[0]);
	}
	if (alg != ZE_REQ_DEFLATE) {
		/* trailer mismatch -> 0x10 */
		r.in_len = (uint32_t)(clen - h);
		cmp[clen - 1] ^= 0x55;
		run1(&d, &r, o);
		CHECK(o[3] == ZE_ST_CHECKSUM, "bad trailer: 0x%x", o[3]);
		cmp[clen - 1] ^= 0x55;
	}
	drv_close(&d);
	unreg_all();
}

static void t_errors(void)
{
	struct drv d;
	struct req r;
	uint32_t o[32];
	uint8_t *src = make_data(1000, 2), *dst = reg(4000);

	drv_open(&d, 2, 8, ZE_DIR_COMPRESS);
	memset(&r, 0, sizeof(r));
	r.type = 0; r.alg = ZE_REQ_ZLIB; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = 1000; r.dst = dst; r.out_len = 4000;
	/* address outside the opener's memory */
	r.src = (void *)(uintptr_t)0x1000;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_ADDR_FAULT, "bad src: 0x%x", o[3]);
	r.src = src; r.dst = (void *)(uintptr_t)0x2000;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_ADDR_FAULT, "bad dst: 0x%x", o[3]);
	r.dst = dst;
	/* type 3 on a v2 queue, raw deflate with type 0, SGL, too long */
	r.type = 3;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_BAD_REQ, "type 3 on v2: 0x%x", o[3]);
	r.type = 0; r.alg = ZE_REQ_DEFLATE;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_BAD_REQ, "deflate type 0: 0x%x", o[3]);
	r.alg = ZE_REQ_ZLIB; r.in_len = ZE_MAX_IN + 1;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_BAD_REQ, "too long: 0x%x", o[3]);
	r.in_len = 1000; r.out_len = 20;
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_OUT_SPACE && o[1] <= 20, "compress out space: 0x%x", o[3]);
	/* stream continuation without a known context */
	r.out_len = 4000; r.flags = ZE_F_STREAM_MODE; r.ctx = reg(0x10000);
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_BAD_REQ, "unknown stream: 0x%x", o[3]);
	drv_close(&d);

	/* corrupt deflate data */
	drv_open(&d, 3, 8, ZE_DIR_DECOMPRESS);
	memset(&r, 0, sizeof(r));
	r.type = 3; r.alg = ZE_REQ_DEFLATE; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = reg(4); r.in_len = 4; r.dst = dst; r.out_len = 4000;
	memset((void *)r.src, 0xFF, 4);       /* BTYPE 3 = invalid */
	run1(&d, &r, o);
	CHECK(o[3] == ZE_ST_BAD_DATA, "corrupt: 0x%x", o[3]);
	drv_close(&d);
	unreg_all();
}

/* Stream mode: small chunks in and out, checksums carried in the SQE. */
static void t_stream(unsigned int api, unsigned int type, unsigned int alg, size_t n)
{
	struct drv d;
	struct req r;
	uint32_t o[32];
	uint8_t *src = make_data(n, 2), *cmp = reg(n + 4096), *back = reg(n + 16);
	uint8_t *ctx = reg(0x10000);
	size_t h = hdr_len(alg), in = 0, out = h, got = 0;
	const size_t cin = 7000, cout = 300;
	int guard = 0, ended = 0;
	long sys;

	/* compression */
	drv_open(&d, api, 8, ZE_DIR_COMPRESS);
	memcpy(cmp, alg == ZE_REQ_ZLIB ? zhdr : ghdr, h);
	memset(&r, 0, sizeof(r));
	r.type = type; r.alg = alg; r.ctx = ctx + 64; r.flags = ZE_F_STREAM_MODE | ZE_F_NEW_STREAM;
	for (;;) {
		size_t k = n - in < cin ? n - in : cin;
		int last = in + k == n;

		r.src = src + in; r.in_len = (uint32_t)k;
		r.dst = cmp + out; r.out_len = (uint32_t)cout;
		r.flags = (r.flags & ~ZE_F_FLUSH_FINISH) | (last ? ZE_F_FLUSH_FINISH : 0);
		run1(&d, &r, o);
		CHECK(o[3] == 0, "stream comp status 0x%x", o[3]);
		if (o[3])
			break;
		in += o[0]; out += o[1];
		r.isize = o[30]; r.cksum = o[31];
		r.flags &= ~ZE_F_NEW_STREAM;
		if (last && o[0] == k && (o[15] & 0xF) == 0)
			break;
		CHECK(++guard < 100000, "compress loop");
		if (guard >= 100000)
			break;
	}
	CHECK(r.isize == n, "stream isize %u", r.isize);
	sys = sys_inflate(alg, cmp, out, back, n + 16);
	CHECK(sys == (long)n && !memcmp(back, src, n), "stream output decodes (%ld)", sys);
	drv_close(&d);

	/* decompression of that stream, 333-byte input pieces, 500-byte outputs */
	drv_open(&d, api, 8, ZE_DIR_DECOMPRESS);
	memset(back, 0, n);
	memset(&r, 0, sizeof(r));
	r.type = type; r.alg = alg; r.ctx = ctx + 64; r.flags = ZE_F_STREAM_MODE | ZE_F_NEW_STREAM;
	in = h;
	guard = 0;
	while (!ended && guard++ < 100000) {
		size_t k = out - in < 333 ? out - in : 333;

		r.src = cmp + in; r.in_len = (uint32_t)k;
		r.dst = back + got; r.out_len = 500;
		run1(&d, &r, o);
		in += o[0]; got += o[1];
		r.isize = o[30]; r.cksum = o[31];
		r.flags &= ~ZE_F_NEW_STREAM;
		if (o[3] == (ZE_ST_STREAM_END | ZE_ST_LSTBLK))
			ended = 1;
		else
			CHECK(o[3] == 0, "stream decomp status 0x%x", o[3]);
		if (o[3] && !ended)
			break;
	}
	CHECK(ended && got == n && in == out && !memcmp(back, src, n),
	      "stream decomp: ended %d got %zu in %zu/%zu", ended, got, in, out);
	if (alg != ZE_REQ_DEFLATE) {
		/* stateful trailer mismatch -> 0x10 alone: lstblk comes with 0x13 only */
		cmp[out - 1] ^= 0x55;
		r.src = cmp + h; r.in_len = (uint32_t)(out - h);
		r.dst = back; r.out_len = (uint32_t)n + 16;
		r.flags = ZE_F_STREAM_MODE | ZE_F_NEW_STREAM;
		r.isize = r.cksum = 0;
		run1(&d, &r, o);
		CHECK(o[3] == ZE_ST_CHECKSUM, "stateful bad trailer: 0x%x", o[3]);
		cmp[out - 1] ^= 0x55;
	}
	drv_close(&d);
	unreg_all();
}

/* Phase bit, wrap, lost doorbells, CQ overflow after the grace period, poll. */
static void t_ring(void)
{
	struct drv d;
	struct req r;
	uint8_t *src = make_data(64, 2), *dst = reg(4096);
	uint32_t o[32];
	int i, slot, n;
	uint64_t t0;

	drv_open(&d, 2, 4, ZE_DIR_COMPRESS);
	CHECK(ze_queue_cq_updated(&d.q) == 0, "nothing yet");
	memset(&r, 0, sizeof(r));
	r.type = 0; r.alg = ZE_REQ_ZLIB; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = 64; r.dst = dst; r.out_len = 4096;
	for (i = 0; i < 13; i++) {        /* wraps the 4-deep rings 3 times */
		r.tag = (uint32_t)i;
		run1(&d, &r, o);
		CHECK(o[3] == 0 && o[13] == (uint32_t)i, "ring round %d", i);
		if (i == 1) {   /* poll() looks regularly, like the kernel's */
			CHECK(ze_queue_cq_updated(&d.q) == 1, "poll sees CQEs");
			CHECK(ze_queue_cq_updated(&d.q) == 0, "poll: nothing new");
		}
	}
	CHECK(d.phase == 0, "consumer phase flipped an odd number of times");

	/* Lost SQ doorbell: overwritten by a CQ doorbell before the engine looks. */
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	ring(&d, 1, d.head, 1);
	ze_queue_service(&d.q, zp_now_ns());
	CHECK(reap(&d, 0) == -1, "lost doorbell: nothing processed");
	ring(&d, 0, d.tail, 0);           /* driver re-kick */
	ze_queue_service(&d.q, zp_now_ns());
	CHECK(reap(&d, 1) >= 0, "re-kick processed");

	/* CQ overflow: consume CQEs but never ring the CQ doorbell. */
	n = 0;
	for (i = 0; i < 3; i++) {
		memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
		d.tail = (uint16_t)((d.tail + 1) % 4);
		ring(&d, 0, d.tail, 0);
		ze_queue_service(&d.q, zp_now_ns());
		if (reap(&d, 0) >= 0)
			n++;
	}
	CHECK(n == 3, "3 completions fill the CQ view (%d)", n);
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	t0 = zp_now_ns();
	CHECK(ze_queue_service(&d.q, t0) & ZE_SVC_BLOCKED, "blocked on CQ full");
	CHECK(ze_queue_service(&d.q, t0 + 5000000) & ZE_SVC_BLOCKED, "still in grace");
	CHECK(*d.q.tx_stop == 0 && *d.q.rx_stop == 0, "no stop during grace");
	CHECK(ze_queue_service(&d.q, t0 + 30000000) & ZE_SVC_STOPPED, "overflow after grace");
	CHECK(*d.q.tx_stop == 1 && *d.q.rx_stop == 1, "stop words set");
	slot = reap(&d, 0);
	CHECK(slot == -1, "no CQE after overflow");
	ring(&d, 1, d.head, 0);
	CHECK(ze_queue_service(&d.q, t0 + 40000000) == 0, "stopped queue stays stopped");
	drv_close(&d);

	/* Grace period rescued by a late CQ doorbell. */
	drv_open(&d, 3, 4, ZE_DIR_COMPRESS);
	r.type = 3;
	run1(&d, &r, o);                       /* slot 0 holds a valid SQE */
	for (i = 0; i < 4; i++) {
		memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, 0), 128);
		d.tail = (uint16_t)((d.tail + 1) % 4);
		ring(&d, 0, d.tail, 0);
		ze_queue_service(&d.q, t0);
		reap(&d, 0);
	}
	CHECK(ze_queue_service(&d.q, t0 + 1000) & ZE_SVC_BLOCKED, "blocked again");
	ring(&d, 1, d.head, 1);                /* late CQ doorbell */
	CHECK(ze_queue_service(&d.q, t0 + 2000) & ZE_SVC_WORK, "resumed");
	CHECK(reap(&d, 1) >= 0 && *d.q.tx_stop == 0, "completion after rescue");
	drv_close(&d);
	unreg_all();
}

/* Latched doorbells (the kernel stub's trapped page): every write is taken,
 * in order, repeats included; the memory word is not read. */
static void t_latched(void)
{
	struct drv d;
	struct req r;
	uint8_t *src = make_data(64, 2), *dst = reg(4096);
	uint32_t o[32];
	uint64_t seen;
	int i;

	drv_latched = 1;
	drv_open(&d, 2, 4, ZE_DIR_COMPRESS);
	drv_latched = 0;
	memset(&r, 0, sizeof(r));
	r.type = 0; r.alg = ZE_REQ_ZLIB; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = 64; r.dst = dst; r.out_len = 4096;
	for (i = 0; i < 6; i++) {          /* wraps the 4-deep rings */
		r.tag = (uint32_t)i;
		run1(&d, &r, o);
		CHECK(o[3] == 0 && o[13] == (uint32_t)i, "latched round %d", i);
	}
	/* An SQ doorbell followed by a CQ doorbell before the engine looks:
	 * both are taken (with memory doorbells the SQ one is lost, t_ring). */
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	ring(&d, 1, d.head, 1);
	ze_queue_service(&d.q, zp_now_ns());
	CHECK(reap(&d, 0) >= 0, "latched: SQ doorbell before a CQ doorbell is served");
	/* The memory word is not a doorbell in latched mode. */
	seen = d.q.stats.doorbells;
	__atomic_store_n((uint64_t *)(d.mmio + 0x1000), 5 | ((uint64_t)2 << 32), __ATOMIC_RELEASE);
	ze_queue_service(&d.q, zp_now_ns());
	CHECK(d.q.stats.doorbells == seen, "latched: memory word ignored");
	/* Each CQ doorbell with priority 1 re-arms, also when it repeats the head. */
	ring(&d, 1, d.head, 1);
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	CHECK(ze_queue_service(&d.q, zp_now_ns()) & ZE_SVC_EVENT, "armed: completion event");
	CHECK(reap(&d, 0) >= 0, "completion");
	ring(&d, 1, d.head, 1);
	ring(&d, 1, d.head, 1);           /* the same value again */
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	CHECK(ze_queue_service(&d.q, zp_now_ns()) & ZE_SVC_EVENT, "repeated CQ doorbell re-armed");
	CHECK(reap(&d, 0) >= 0, "completion");
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	CHECK(!(ze_queue_service(&d.q, zp_now_ns()) & ZE_SVC_EVENT), "not re-armed: no event");
	CHECK(reap(&d, 1) >= 0, "completion");
	/* Before START (or after stop) a doorbell is dropped. */
	ze_queue_stop(&d.q);
	seen = d.q.stats.doorbells;
	ring(&d, 0, 1, 0);
	CHECK(d.q.stats.doorbells == seen, "stopped queue: doorbell dropped");
	drv_close(&d);
	unreg_all();
}

/* Injected CQ faults (cfg.cq_fault): 1 CQ doorbells ignored -> overflow
 * although the driver rings every one; 2 each CQE written twice. */
static void t_cq_fault(void)
{
	struct drv d;
	struct req r;
	uint8_t *src = make_data(64, 2), *dst = reg(4096);
	uint32_t o[32];
	uint64_t t0;
	int i, a, b;

	memset(&r, 0, sizeof(r));
	r.type = 0; r.alg = ZE_REQ_ZLIB; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = 64; r.dst = dst; r.out_len = 4096;
	drv_cq_fault = 1;
	drv_open(&d, 2, 4, ZE_DIR_COMPRESS);
	for (i = 0; i < 3; i++)          /* CQ doorbells rung after each: ignored */
		run1(&d, &r, o);
	memcpy(drv_sqe(&d, d.tail), drv_sqe(&d, (d.tail + 3) % 4), 128);
	d.tail = (uint16_t)((d.tail + 1) % 4);
	ring(&d, 0, d.tail, 0);
	t0 = zp_now_ns();
	CHECK(ze_queue_service(&d.q, t0) & ZE_SVC_BLOCKED, "cq_fault 1: CQ full although every CQ doorbell was rung");
	CHECK(ze_queue_service(&d.q, t0 + 30000000) & ZE_SVC_STOPPED, "cq_fault 1: overflow after the grace");
	CHECK(*d.q.tx_stop == 1 && *d.q.rx_stop == 1, "cq_fault 1: stop words set");
	drv_close(&d);
	drv_cq_fault = 2;
	drv_open(&d, 2, 4, ZE_DIR_COMPRESS);
	drv_cq_fault = 0;
	run1(&d, &r, o);                 /* reaps the first CQE */
	a = (d.tail + 3) % 4;
	b = reap(&d, 1);                 /* the spurious second one */
	CHECK(b == a, "cq_fault 2: a second CQE for slot %d (got %d)", a, b);
	CHECK(reap(&d, 0) == -1, "cq_fault 2: two CQEs per SQE, no more");
	drv_close(&d);
	unreg_all();
}

/* Bad geometry is refused at init, never run. */
static void t_init_checks(void)
{
	static uint8_t mmio[8192], dus[4 * 4096];
	struct ze_queue_cfg c;
	struct ze_queue q;

	memset(&c, 0, sizeof(c));
	c.api = 2;
	c.mmio = mmio;
	c.dus = dus;
	c.dus_size = sizeof(dus);
	c.mem = &mops;
	c.sq_depth = c.cq_depth = 64;
	CHECK(ze_queue_init(&q, &c) == 0, "a DUS that holds both rings");
	c.sq_depth = 1;
	CHECK(ze_queue_init(&q, &c) == ZE_ERR_INVAL, "SQ depth 1");
	c.sq_depth = 64;
	c.cq_depth = 1;
	CHECK(ze_queue_init(&q, &c) == ZE_ERR_INVAL, "CQ depth 1");
	c.cq_depth = 64;
	c.dus_size = 128 * 64 + 16 * 64;
	CHECK(ze_queue_init(&q, &c) == ZE_ERR_INVAL, "DUS without room for the stop words");
	c.dus_size = sizeof(dus);
	c.api = 4;
	CHECK(ze_queue_init(&q, &c) == ZE_ERR_INVAL, "api 4");
}

/* v1 doorbell at 0x340 and api v1 queue round trip. */
static void t_v1(void)
{
	t_block_compress(1, 0, ZE_REQ_GZIP, 5000, 2);
}

/* t_stop's opener memory: a "release on another thread" after stop_after
 * reads; counts reads, and writes after the stop request. */
static struct ze_queue *stop_q;
static int stop_after, reads, writes_after_stop;

static int stop_read(void *ctx, uint64_t a, void *dst, uint32_t len)
{
	reads++;
	if (stop_q && --stop_after == 0)
		ze_queue_request_stop(stop_q);
	return mem_read(ctx, a, dst, len);
}

static int stop_write(void *ctx, uint64_t a, const void *src, uint32_t len)
{
	if (stop_q && ze_queue_stop_requested(stop_q))
		writes_after_stop++;
	return mem_write(ctx, a, src, len);
}

static const struct ze_mem_ops stop_mops = { stop_read, stop_write };

/* Queue one 1 MiB zlib compression SQE at the tail and ring. */
static void put_big(struct drv *d, const uint8_t *src, uint8_t *dst)
{
	uint32_t *s = drv_sqe(d, d->tail);
	uint64_t a;

	memset(s, 0, 128);
	s[4] = 1 << 20;
	s[7] = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	s[9] = ZE_REQ_ZLIB;
	s[14] = 2 << 20;
	a = (uint64_t)(uintptr_t)src;
	s[18] = (uint32_t)a; s[19] = (uint32_t)(a >> 32);
	a = (uint64_t)(uintptr_t)dst;
	s[20] = (uint32_t)a; s[21] = (uint32_t)(a >> 32);
	d->tail = (uint16_t)((d->tail + 1) % d->depth);
	ring(d, 0, d->tail, 0);
}

/* Bounded teardown: a stop request (from another thread, without the
 * owner's lock) ends the SQE in progress at its next chunk and drops it and
 * every queued SQE: no output written after the request, no CQE. */
static void t_stop(void)
{
	struct drv d;
	struct req r;
	uint8_t *src = make_data(1 << 20, 1), *dst = reg(2 << 20);
	uint32_t o[32];
	unsigned int i, act;

	drv_open(&d, 2, 8, ZE_DIR_COMPRESS);
	d.q.cfg.mem = &stop_mops;
	for (i = 0; i < 7; i++)         /* a full SQ of 1 MiB SQEs */
		put_big(&d, src, dst);
	stop_q = &d.q;
	stop_after = 3;                 /* 3 chunks into the first SQE */
	reads = writes_after_stop = 0;
	act = ze_queue_service(&d.q, zp_now_ns());
	CHECK(reads == 3, "no input read after the stop request (%d reads)", reads);
	CHECK(writes_after_stop == 0, "no output after the stop request (%d)", writes_after_stop);
	CHECK(!(act & ZE_SVC_EVENT), "no completion event (act 0x%x)", act);
	CHECK(reap(&d, 0) < 0, "the aborted SQE has no CQE");
	CHECK(d.q.stats.dropped == 7 && d.q.stats.cqes == 0, "7 dropped (%llu), 0 CQEs (%llu)",
	      (unsigned long long)d.q.stats.dropped, (unsigned long long)d.q.stats.cqes);
	CHECK(ze_queue_service(&d.q, zp_now_ns()) == 0 && !d.q.running, "queue stopped");
	stop_q = NULL;
	/* START_Q again (era C) clears the request: the queue works. */
	ze_queue_stop(&d.q);
	CHECK(ze_queue_start(&d.q, ZE_DIR_COMPRESS) == 0 && !ze_queue_stop_requested(&d.q), "restart");
	d.tail = d.head = 0;
	d.phase = 1;
	memset(d.dus + 128 * d.depth, 0, 16 * d.depth);   /* stale CQEs (era C hazard) */
	memset(&r, 0, sizeof(r));
	r.type = 0; r.alg = ZE_REQ_ZLIB; r.flags = ZE_F_NEW_STREAM | ZE_F_FLUSH_FINISH;
	r.src = src; r.in_len = 4096; r.dst = dst; r.out_len = 8192;
	run1(&d, &r, o);
	CHECK(o[3] == 0 && o[1] > 0, "SQE after restart completes (status 0x%x)", o[3]);
	/* A request before the engine looks: nothing is read at all. */
	reads = 0;
	ze_queue_request_stop(&d.q);
	put_big(&d, src, dst);
	ze_queue_service(&d.q, zp_now_ns());
	CHECK(reads == 0 && reap(&d, 0) < 0, "nothing read, no CQE after an early stop (%d)", reads);
	drv_close(&d);
	unreg_all();
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 0, 1, 100, 65535, 65536, 65537, 300000 };
	unsigned int a, k, i;

	(void)argv;
	zp_log_level = argc > 1 ? 3 : 0;
	ze_global_init();
	t_doorbell();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (k = 0; k < 3; k++) {
			for (a = ZE_REQ_ZLIB; a <= ZE_REQ_GZIP; a++) {
				t_block_compress(2, 0, a, sizes[i], (int)k);
				t_block_decompress(2, 0, a, sizes[i], (int)k);
			}
			t_block_compress(3, 3, ZE_REQ_DEFLATE, sizes[i], (int)k);
			t_block_decompress(3, 3, ZE_REQ_DEFLATE, sizes[i], (int)k);
			t_block_decompress(3, 3, ZE_REQ_GZIP, sizes[i], (int)k);
		}
	t_errors();
	for (a = ZE_REQ_DEFLATE; a <= ZE_REQ_GZIP; a++)
		t_stream(3, 3, a, 200000);
	t_stream(2, 0, ZE_REQ_GZIP, 70000);
	t_ring();
	t_stop();
	t_latched();
	t_cq_fault();
	t_v1();
	t_init_checks();
	printf("ze_test: %d checks, %d failures\n", checks, fails);
	return fails ? 1 : 0;
}
