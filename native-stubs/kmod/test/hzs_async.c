// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * hzs_async.c - drives the hisi_zip_stub queue the way UADK's asynchronous
 * mode does: a sending thread writes SQEs and rings an SQ doorbell for each,
 * a polling thread reaps CQEs and rings a CQ doorbell for each, both into
 * the same 64-bit doorbell word, and neither ever rewrites a doorbell (no
 * re-kick). With doorbells that are plain memory (module latch=0) a CQ
 * doorbell can erase the SQ doorbell before the engine reads it, and the
 * run stalls at the end of a burst; with latched doorbells (latch=1, the
 * default) every request completes.
 *
 * Requests: block compression of mixed sizes (0 B .. 16 KiB), algorithms
 * mixed (api 2: SQE type 0, zlib and gzip; api 3: type 3, raw deflate, zlib
 * and gzip), sent in bursts of 1..128; after each burst the sender waits
 * until the burst is complete (the "end of a run" that exposes a lost SQ
 * doorbell). Every output is decoded by the system zlib and compared with
 * the input. SVA (process addresses) and no-SVA (SS region) per the module's
 * `sva` parameter.
 *
 *   hzs_async [-n requests] [-t stall_seconds] [/dev/hisi_zip-0]
 *   hzs_async --dbcost N [/dev/hisi_zip-0]   figures only: median time of
 *       one doorbell store (an SQ doorbell that repeats the tail, so the
 *       engine has nothing to do) and of a store elsewhere in the doorbell
 *       page, over N stores each; no check, no exit status meaning.
 * Exit status: 0 all completed and verified; 1 a check failed; 2 stalled
 * (no completion for stall_seconds: a lost doorbell).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "ze_check.h"

#define START_Q      _IO('W', 0)
#define GET_SS_DMA   _IOR('W', 3, unsigned long)
struct qp_ctx { uint16_t id, qc_type; };
#define SET_QP_CTX   _IOWR('H', 10, struct qp_ctx)

#define SQE      128
#define DEPTH    1024
#define WINDOW   256               /* requests in flight at most */
#define MAX_IN   16384
#define OUT_CAP  (MAX_IN + MAX_IN / 8 + 1024)
#define POOL     (2 * MAX_IN)
#define MAX_BURST 128

static const char *dev = "/dev/hisi_zip-0";
static int api = 2, sva = 1, latch = -1;
static long page, nreq = 100000, stall_s = 10;

static int fd, qn;
static uint8_t *mmio, *dus, *ss;
static size_t mmio_len, dus_len, ss_len;
static uint64_t ss_dma;
static uint8_t *pool, *outs;         /* inputs; WINDOW output buffers */

struct slot_info { uint32_t seq, off, len, alg; };
static struct slot_info info[DEPTH];

static atomic_long inflight, submitted, completed;
static atomic_int stop;
static long verified, bytes_in, bytes_out;

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}


static uint64_t daddr(const void *p)
{
	return sva ? (uint64_t)(uintptr_t)p : ss_dma + (uint64_t)((const uint8_t *)p - ss);
}

/* One store of the 64-bit doorbell word: written once, never again. */
static void doorbell(unsigned int cmd, unsigned int idx)
{
	uint64_t v;

	if (api == 1)
		v = (uint64_t)qn | ((uint64_t)cmd << 16) | ((uint64_t)idx << 32);
	else
		v = (uint64_t)(qn & 0xFFF) | ((uint64_t)cmd << 12) | ((uint64_t)idx << 32);
	atomic_thread_fence(memory_order_release);   /* SQE/CQ head before the doorbell */
	*(volatile uint64_t *)(mmio + (api == 1 ? 0x340 : 0x1000)) = v;
}

static volatile uint32_t *rx_stop(void) { return (volatile uint32_t *)(dus + dus_len - 8); }
static volatile uint32_t *tx_stop(void) { return (volatile uint32_t *)(dus + dus_len - 4); }

/* Deterministic request mix from the sequence number. */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16; x *= 0x7feb352dU; x ^= x >> 15; x *= 0x846ca68bU; x ^= x >> 16;
	return x;
}

static void request(uint32_t seq, struct slot_info *s)
{
	uint32_t r = mix(seq * 2 + 1), c = r % 1000;

	s->seq = seq;
	if (c == 0)
		s->len = 0;
	else if (c < 500)
		s->len = 1 + mix(r) % 64;
	else if (c < 850)
		s->len = 65 + mix(r) % 2000;
	else
		s->len = 2065 + mix(r) % (MAX_IN - 2065 + 1);
	s->off = mix(r ^ 0x9e3779b9U) % (POOL - s->len + 1);
	if (api == 3)
		s->alg = 1 + mix(r + 7) % 3;     /* raw deflate, zlib, gzip */
	else
		s->alg = 2 + mix(r + 7) % 2;     /* zlib, gzip */
}

static void spin_wait(unsigned int *spins)
{
	if (++*spins % 64 == 0)
		sched_yield();          /* TCG: the engine thread needs the vCPU */
}

static void *sender(void *arg)
{
	unsigned int type = api == 3 ? 3 : 0, tail = 0;
	long seq = 0;

	(void)arg;
	while (seq < nreq && !atomic_load(&stop)) {
		long burst = 1 + mix((uint32_t)seq ^ 0x51ed270bU) % MAX_BURST, k;

		for (k = 0; k < burst && seq < nreq && !atomic_load(&stop); k++, seq++) {
			uint32_t *s = (uint32_t *)(dus + SQE * tail);
			struct slot_info *in = &info[tail];
			unsigned int spins = 0;
			uint64_t a;

			while (atomic_load(&inflight) >= WINDOW && !atomic_load(&stop))
				spin_wait(&spins);
			request((uint32_t)seq, in);
			memset(s, 0, SQE);
			s[4] = in->len;
			s[7] = 1u << 27 | 1u << 25 | type << 28;   /* new stream, finish, block mode */
			s[9] = in->alg;
			s[14] = OUT_CAP;
			a = daddr(pool + in->off);
			s[18] = (uint32_t)a; s[19] = (uint32_t)(a >> 32);
			a = daddr(outs + (size_t)OUT_CAP * (tail % WINDOW));
			s[20] = (uint32_t)a; s[21] = (uint32_t)(a >> 32);
			if (type == 3)
				s[26] = (uint32_t)seq;
			else
				s[13] = (uint32_t)seq;
			if (*tx_stop()) {
				CHECK(0, "TX stop set at request %ld", seq);
				atomic_store(&stop, 1);
				break;
			}
			atomic_fetch_add(&inflight, 1);
			atomic_fetch_add(&submitted, 1);
			tail = (tail + 1) % DEPTH;
			doorbell(0, tail);
		}
		/* end of the burst: wait until it is complete */
		{
			unsigned int spins = 0;

			while (atomic_load(&inflight) && !atomic_load(&stop))
				spin_wait(&spins);
		}
	}
	return NULL;
}

/* System zlib decodes header + device output; compares with the input. */
static int verify(const struct slot_info *in, const uint8_t *out, uint32_t produced)
{
	static const uint8_t zh[2] = { 0x78, 0x9C };
	static const uint8_t gh[10] = { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 };
	static uint8_t back[MAX_IN + 1];
	z_stream zs;
	int ret, ok;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, in->alg == 1 ? -15 : in->alg == 2 ? 15 : 31) != Z_OK)
		return 0;
	zs.next_out = back;
	zs.avail_out = sizeof(back);
	if (in->alg != 1) {
		zs.next_in = (Bytef *)(in->alg == 2 ? zh : gh);
		zs.avail_in = in->alg == 2 ? 2 : 10;
		ret = inflate(&zs, Z_NO_FLUSH);
		if (ret != Z_OK) {
			inflateEnd(&zs);
			return 0;
		}
	}
	zs.next_in = (Bytef *)out;
	zs.avail_in = produced;
	ret = inflate(&zs, Z_FINISH);
	ok = ret == Z_STREAM_END && zs.total_out == in->len && zs.avail_in == 0 &&
	     !memcmp(back, pool + in->off, in->len);
	inflateEnd(&zs);
	return ok;
}

static void *poller(void *arg)
{
	uint8_t *cq = dus + SQE * DEPTH;
	unsigned int head = 0, phase = 1, spins = 0;
	uint32_t expect = 0;
	uint64_t last = now_ns();

	(void)arg;
	while (atomic_load(&completed) < nreq && !atomic_load(&stop)) {
		uint8_t *e = cq + 16 * head;
		uint16_t w7 = *(volatile uint16_t *)(e + 14), slot, sqn;
		const uint32_t *r;
		const struct slot_info *in;

		if ((w7 & 1) != phase) {
			if (*rx_stop()) {
				CHECK(0, "RX stop: the queue stopped (CQ overflow?)");
				atomic_store(&stop, 1);
				break;
			}
			spin_wait(&spins);
			if (spins % 1024 == 0 && now_ns() - last > (uint64_t)stall_s * 1000000000ull) {
				printf("hzs_async: STALLED: no completion for %ld s: submitted %ld completed %ld "
				       "in flight %ld (CQ head %u) - a doorbell was lost\n", stall_s,
				       atomic_load(&submitted), atomic_load(&completed),
				       atomic_load(&inflight), head);
				atomic_store(&stop, 2);
				break;
			}
			continue;
		}
		atomic_thread_fence(memory_order_acquire);
		memcpy(&slot, e + 8, 2);
		memcpy(&sqn, e + 10, 2);
		CHECK(sqn == qn && slot < DEPTH, "CQE sq_num %u slot %u", sqn, slot);
		slot %= DEPTH;
		r = (const uint32_t *)(dus + SQE * slot);
		in = &info[slot];
		CHECK(in->seq == expect && (api == 3 ? r[26] : r[13]) == expect,
		      "request %u completed in order (slot %u has %u)", expect, slot, in->seq);
		CHECK(r[3] == 0 && r[0] == in->len, "request %u: status 0x%x consumed %u of %u",
		      in->seq, r[3], r[0], in->len);
		if (r[3] == 0 && verify(in, outs + (size_t)OUT_CAP * (slot % WINDOW), r[1]))
			verified++;
		else
			CHECK(0, "request %u (alg %u, %u bytes): system zlib does not give the input back",
			      in->seq, in->alg, in->len);
		bytes_in += in->len;
		bytes_out += r[1];
		expect++;
		if (++head == DEPTH) {
			head = 0;
			phase ^= 1;
		}
		doorbell(1, head);
		atomic_fetch_sub(&inflight, 1);
		atomic_fetch_add(&completed, 1);
		last = now_ns();
		if (fails > 20)
			atomic_store(&stop, 1);
	}
	return NULL;
}

static int q_open(void)
{
	struct qp_ctx c = { 0, 0 };
	char b[64], p[256];

	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	snprintf(p, sizeof(p), "/sys/class/uacce/%s", strrchr(dev, '/') + 1);
	dus_len = (size_t)sysfs_long(p, "region_dus_size");
	mmio_len = (size_t)sysfs_long(p, "region_mmio_size");
	dus = mmap(NULL, dus_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, page);
	mmio = mmap(NULL, mmio_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (dus == MAP_FAILED || mmio == MAP_FAILED || ioctl(fd, SET_QP_CTX, &c))
		return -1;
	qn = c.id;
	if (sva) {
		pool = malloc(POOL);
		outs = malloc((size_t)OUT_CAP * WINDOW);
	} else {
		uint64_t i = 0;

		ss_len = ((POOL + (size_t)OUT_CAP * WINDOW) + (1 << 20) - 1) & ~(size_t)((1 << 20) - 1);
		ss = mmap(NULL, ss_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * page);
		if (ss == MAP_FAILED || ioctl(fd, GET_SS_DMA, &i) < 0)
			return -1;
		ss_dma = i & ~0xFFFull;
		pool = ss;
		outs = ss + POOL;
	}
	if (!pool || !outs)
		return -1;
	(void)b;
	return ioctl(fd, START_Q);
}

/* Compressible text with some incompressible stretches. */
static void fill_pool(void)
{
	static const char *words[] = { "uacce ", "hisi_zip ", "doorbell ", "latched ", "queue ",
		"completion ", "deflate ", "kunpeng ", "silicon ", "\n" };
	size_t i = 0;
	uint32_t x = 12345;

	while (i < POOL) {
		x = mix(x + 1);
		if (x % 16 == 0) {              /* 200 random bytes */
			size_t k;

			for (k = 0; k < 200 && i < POOL; k++)
				pool[i++] = (uint8_t)mix(x + (uint32_t)k);
		} else {
			const char *w = words[x % 10];

			while (*w && i < POOL)
				pool[i++] = (uint8_t)*w++;
		}
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Median ns of one store; off = byte offset in the MMIO region. */
static double store_median(long n, size_t off, uint64_t v)
{
	uint64_t *t = malloc(sizeof(*t) * (size_t)n);
	volatile uint64_t *p = (volatile uint64_t *)(mmio + off);
	double m;
	long i;

	if (!t)
		return -1;
	for (i = 0; i < n; i++) {
		uint64_t a = now_ns();

		*p = v;
		t[i] = now_ns() - a;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp_u64);
	m = (double)t[n / 2];
	free(t);
	return m;
}

static int dbcost(long n)
{
	size_t db = api == 1 ? 0x340 : 0x1000, other;
	uint64_t v = api == 1 ? (uint64_t)qn : (uint64_t)(qn & 0xFFF);   /* SQ doorbell, tail 0 */
	uint64_t *t = malloc(sizeof(*t) * (size_t)n);
	double clk = 0, a, b;
	long i;

	for (i = 0; t && i < n; i++) {       /* the clock pair alone */
		uint64_t x = now_ns();

		t[i] = now_ns() - x;
	}
	if (t) {
		qsort(t, (size_t)n, sizeof(*t), cmp_u64);
		clk = (double)t[n / 2];
		free(t);
	}
	/* another 8 bytes of the doorbell page, not the doorbell register */
	other = (db & ~(size_t)(page - 1)) + ((db % page) < 0x800 ? 0x800 : 0x100);
	a = store_median(n, db, v);
	b = store_median(n, other, 0);
	printf("hzs_async dbcost: latch %s, %ld stores each: doorbell store median %.0f ns, "
	       "store elsewhere in the doorbell page %.0f ns, clock pair alone %.0f ns\n",
	       latch ? "on" : "off", n, a, b, clk);
	return 0;
}

int main(int argc, char **argv)
{
	long bench = 0;
	pthread_t ts, tp;
	char b[64];
	uint64_t t0, t1;
	int i, st;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			nreq = atol(argv[++i]);
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			stall_s = atol(argv[++i]);
		else if (!strcmp(argv[i], "--dbcost") && i + 1 < argc)
			bench = atol(argv[++i]);
		else
			dev = argv[i];
	}
	page = sysconf(_SC_PAGESIZE);
	if (!file_text("/sys/module/hisi_zip_stub/parameters/api", b, sizeof(b)))
		api = atoi(b);
	if (!file_text("/sys/module/hisi_zip_stub/parameters/sva", b, sizeof(b)))
		sva = b[0] == 'Y';
	if (!file_text("/sys/module/hisi_zip_stub/parameters/latch", b, sizeof(b)))
		latch = b[0] == 'Y';
	printf("hzs_async: %s api %d %s latch %s: %ld requests, sender + poller threads\n", dev, api,
	       sva ? "SVA" : "no-SVA", latch < 0 ? "?" : latch ? "on" : "off", nreq);
	if (q_open()) {
		printf("hzs_async: queue set-up failed: %s\n", strerror(errno));
		return 1;
	}
	if (bench > 0)
		return dbcost(bench);
	fill_pool();
	t0 = now_ns();
	if (pthread_create(&tp, NULL, poller, NULL) || pthread_create(&ts, NULL, sender, NULL)) {
		printf("hzs_async: pthread_create failed\n");
		return 1;
	}
	pthread_join(ts, NULL);
	pthread_join(tp, NULL);
	t1 = now_ns();
	st = atomic_load(&stop);
	CHECK(st == 2 || atomic_load(&completed) == nreq, "completed %ld of %ld",
	      atomic_load(&completed), nreq);
	CHECK(st == 2 || verified == nreq, "verified %ld of %ld", verified, nreq);
	printf("hzs_async: submitted %ld completed %ld verified %ld, %ld -> %ld bytes, %.2f s "
	       "(%.1f us/request)\n", atomic_load(&submitted), atomic_load(&completed), verified,
	       bytes_in, bytes_out, (double)(t1 - t0) / 1e9,
	       atomic_load(&completed) ? (double)(t1 - t0) / 1e3 / (double)atomic_load(&completed) : 0.0);
	printf("hzs_async: %d checks, %d failures%s\n", checks, fails, st == 2 ? ", STALLED" : "");
	close(fd);
	return st == 2 ? 2 : fails ? 1 : 0;
}
