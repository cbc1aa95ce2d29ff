// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_fuzz.c - libFuzzer target over the engine core in user space: doorbell
 * decoding, the SQ/CQ ring (ze_queue_service), SQE parsing and the ZIP
 * request paths (block and stream, compress and decompress, every request
 * type) against a fake opener memory. Built with AddressSanitizer and UBSan
 * (make fuzz); a bad access, an undefined operation or a broken ring
 * invariant is a finding.
 *
 * Input: a config byte pair (api, direction, depth), then operations, one
 * opcode byte each:
 *   0 write an SQE into the next SQ slot (128 bytes; addresses folded into
 *     the opener memory unless the opcode's bit 7 asks for raw ones; bit 6
 *     carries isize/checksum from the previous slot, as a driver does)
 *   1 ring the SQ doorbell with the next tail      2 ring a raw 64-bit value
 *   3 service the queue (time advances by a fuzzed step)
 *   4 copy fuzzer bytes into the opener memory     5 reap CQEs, CQ doorbell
 *   6 run one SQE directly through ze_zip_process   7 decode a doorbell
 *   8 stop and restart the queue (other direction)  9 fail the queue
 * Config bit 0x40 makes the queue a SEC queue (ZE_KIND_SEC, qc_type 0): the
 * SQEs are then SEC BDs (BD2 below api 3, BD3 on api 3; addresses and lengths
 * folded into the opener memory as for ZIP) and opcode 6 runs one BD directly
 * through ze_sec_process: ciphers, digests, long-hash chains, AEAD.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ze_core.h"


#define MEM_BASE 0x7f0000100000ull
#define MEM_SIZE (256u << 10)
#define MMIO_SIZE 0x2000u

static uint8_t mem[MEM_SIZE];

static int mem_read(void *ctx, uint64_t addr, void *dst, uint32_t len)
{
	(void)ctx;
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE || len > MEM_SIZE - (addr - MEM_BASE))
		return -1;
	memcpy(dst, mem + (addr - MEM_BASE), len);
	return 0;
}

static int mem_write(void *ctx, uint64_t addr, const void *src, uint32_t len)
{
	(void)ctx;
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE || len > MEM_SIZE - (addr - MEM_BASE))
		return -1;
	memcpy(mem + (addr - MEM_BASE), src, len);
	return 0;
}

static const struct ze_mem_ops ops = { mem_read, mem_write };

struct in {
	const uint8_t *p;
	size_t n;
};

static int take(struct in *in, void *dst, size_t n)
{
	if (in->n < n) {
		memset(dst, 0, n);
		return -1;
	}
	memcpy(dst, in->p, n);
	in->p += n;
	in->n -= n;
	return 0;
}

static uint8_t u8(struct in *in)
{
	uint8_t v;

	take(in, &v, 1);
	return v;
}

static uint32_t u32(struct in *in)
{
	uint32_t v;

	take(in, &v, 4);
	return v;
}

/* Folds an address into the opener memory (or just past it, to reach the edges). */
static uint64_t fold(uint32_t v)
{
	return MEM_BASE + v % (MEM_SIZE + 64);
}

static void set_address(uint32_t *sqe, int lo, uint64_t a)
{
	sqe[lo] = (uint32_t)a;
	sqe[lo + 1] = (uint32_t)(a >> 32);
}

/* Source, destination and stream context inside (or at the edge of) the opener memory. */
static void fold_addresses(uint32_t *sqe)
{
	set_address(sqe, ZE_DW_SRC_L, fold(sqe[ZE_DW_SRC_L]));
	set_address(sqe, ZE_DW_DST_L, fold(sqe[ZE_DW_DST_L]));
	set_address(sqe, ZE_DW_CTXADDR_L, fold(sqe[ZE_DW_CTXADDR_L]));
}

static void set64(uint8_t *b, unsigned int off, uint64_t v)
{
	memcpy(b + off, &v, 8);
}

static uint64_t get64(const uint8_t *b, unsigned int off)
{
	uint64_t v;

	memcpy(&v, b + off, 8);
	return v;
}

/* A SEC BD's addresses into the opener memory, its 24-bit lengths below its size, and
 * long_a_data_len to whole bytes of at most twice the memory (mostly; bit 63 keeps it raw). */
static void fold_sec(uint8_t *b)
{
	static const unsigned int bd2_addr[] = { 56, 64, 72, 80, 88, 96, 104 };
	static const unsigned int bd3_addr[] = { 16, 24, 32, 48, 76, 84, 92 };
	int bd3 = (b[0] & 0xF) == 3;
	const unsigned int *a = bd3 ? bd3_addr : bd2_addr;
	unsigned int i, alen = bd3 ? 68 : 16, clen = bd3 ? 72 : 20, lon = bd3 ? 100 : 48;
	uint64_t l = get64(b, lon);

	for (i = 0; i < 7; i++)
		set64(b, a[i], fold((uint32_t)get64(b, a[i])));
	for (i = 0; i < 2; i++) {
		unsigned int off = i ? clen : alen;
		uint32_t v = (uint32_t)(b[off] | b[off + 1] << 8 | b[off + 2] << 16) % (MEM_SIZE + 16);

		b[off] = (uint8_t)v;
		b[off + 1] = (uint8_t)(v >> 8);
		b[off + 2] = (uint8_t)(v >> 16);
	}
	if (!(l >> 63))
		set64(b, lon, l % (2ull * MEM_SIZE * 8));
}

static void check_ring(const struct ze_queue *q)
{
	assert(q->sq_head < q->cfg.sq_depth);
	assert(q->sq_tail < q->cfg.sq_depth);
	assert(q->cq_tail < q->cfg.cq_depth);
	assert(q->cq_head < q->cfg.cq_depth);
	assert(q->cq_used < q->cfg.cq_depth);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct ze_queue q;
	struct ze_queue_cfg cfg;
	uint8_t cfgb[2];
	uint16_t depth, sq_tail = 0, cq_head = 0;
	int phase = 1, dir;
	uint64_t now = 1;
	size_t dus_size;
	void *dus, *mmio;
	unsigned int ops_left = 256;

	int debug = getenv("ZE_FUZZ_DEBUG") != NULL; /* prints each completion */

	zp_log_level = debug ? 3 : -1;
	memset(mem, 0, sizeof(mem));

	take(&in, cfgb, 2);
	memset(&cfg, 0, sizeof(cfg));
	cfg.api = 1 + (cfgb[0] & 3) % 3;
	dir = (cfgb[0] >> 2) & 1;
	depth = 2 + cfgb[1] % 15;
	cfg.qn = (cfgb[0] >> 3) & 7;
	cfg.sq_depth = cfg.cq_depth = depth;
	dus_size = (size_t)ZE_SQE_SIZE * depth + (size_t)ZE_CQE_SIZE * depth + 64;
	dus = calloc(1, dus_size);
	mmio = calloc(1, MMIO_SIZE);
	cfg.mmio = mmio;
	cfg.dus = dus;
	cfg.dus_size = dus_size;
	cfg.mem = &ops;
	cfg.cq_grace_ns = 1000;
	cfg.level = 1 + cfgb[1] / 16 % 9;
	cfg.batch = 1 + cfgb[1] / 32;
	cfg.need_arm = cfgb[0] >> 7;
	if (cfgb[0] & 0x40) {
		cfg.kind = ZE_KIND_SEC;
		dir = 0;
	}
	ze_global_init();
	if (ze_queue_init(&q, &cfg) || (ze_queue_clear_rings(&q), ze_queue_start(&q, dir))) {
		free(dus);
		free(mmio);
		return 0;
	}
	while (in.n && ops_left--) {
		uint8_t op = u8(&in);

		switch (op & 0x0F) {
		case 0: {
			uint32_t sqe[32];

			take(&in, sqe, sizeof(sqe));
			if (cfg.kind == ZE_KIND_SEC) {
				if (!(op & 0x80))
					fold_sec((uint8_t *)sqe);
			} else if (!(op & 0x80)) {
				sqe[ZE_DW_IN_LEN] %= MEM_SIZE + 16;
				sqe[ZE_DW_OUT_LEN] %= MEM_SIZE + 16;
				fold_addresses(sqe);
			}
			if ((op & 0x40) && cfg.kind != ZE_KIND_SEC) {
				/* a stream continues: carry isize and checksum from the previous slot */
				const uint32_t *prev = (const uint32_t *)((uint8_t *)dus +
					(size_t)((sq_tail + depth - 1) % depth) * ZE_SQE_SIZE);

				sqe[ZE_DW_ISIZE] = prev[ZE_DW_ISIZE];
				sqe[ZE_DW_CHECKSUM] = prev[ZE_DW_CHECKSUM];
			}
			memcpy((uint8_t *)dus + (size_t)sq_tail * ZE_SQE_SIZE, sqe, sizeof(sqe));
			sq_tail = (uint16_t)((sq_tail + 1) % depth);
			break;
		}
		case 1: {
			uint64_t v = cfg.api == 1 ? (uint64_t)cfg.qn | ((uint64_t)ZE_DB_CMD_SQ << 16)
						  : (uint64_t)cfg.qn | ((uint64_t)ZE_DB_CMD_SQ << 12);

			*(volatile uint64_t *)((uint8_t *)mmio + (cfg.api == 1 ? ZE_DB_OFFSET_V1 : ZE_DB_OFFSET_V2)) =
				v | ((uint64_t)sq_tail << 32);
			break;
		}
		case 2: {
			uint64_t v;

			take(&in, &v, sizeof(v));
			*(volatile uint64_t *)((uint8_t *)mmio + (cfg.api == 1 ? ZE_DB_OFFSET_V1 : ZE_DB_OFFSET_V2)) = v;
			break;
		}
		case 3:
			now += u8(&in) * 100u;
			ze_queue_service(&q, now);
			check_ring(&q);
			break;
		case 4: {
			uint32_t at = u32(&in) % MEM_SIZE;
			size_t n = u8(&in) * 16u;

			if (n > in.n)
				n = in.n;
			if (n > MEM_SIZE - at)
				n = MEM_SIZE - at;
			memcpy(mem + at, in.p, n);
			in.p += n;
			in.n -= n;
			break;
		}
		case 5: {
			/* reap every CQE whose phase matches, then a CQ doorbell */
			int reaped = 0;

			for (;;) {
				uint8_t *cqe = (uint8_t *)dus + (size_t)ZE_SQE_SIZE * depth + (size_t)cq_head * ZE_CQE_SIZE;
				uint32_t w3;

				memcpy(&w3, cqe + 12, 4);
				if (((w3 >> 16) & 1) != (uint32_t)phase || reaped++ > depth)
					break;
				if (debug) {
					uint16_t slot;
					const uint32_t *r;

					memcpy(&slot, cqe + 8, 2);
					r = (const uint32_t *)((uint8_t *)dus + (size_t)(slot % depth) * ZE_SQE_SIZE);
					fprintf(stderr, "cqe slot %u: status 0x%x consumed %u produced %u ctx0 0x%x\n",
						slot, r[ZE_DW_STATUS], r[ZE_DW_CONSUMED], r[ZE_DW_PRODUCED], r[ZE_DW_CTX0]);
				}
				if (++cq_head == depth) {
					cq_head = 0;
					phase ^= 1;
				}
			}
			uint64_t v = cfg.api == 1 ? (uint64_t)cfg.qn | ((uint64_t)ZE_DB_CMD_CQ << 16)
						  : (uint64_t)cfg.qn | ((uint64_t)ZE_DB_CMD_CQ << 12);
			*(volatile uint64_t *)((uint8_t *)mmio + (cfg.api == 1 ? ZE_DB_OFFSET_V1 : ZE_DB_OFFSET_V2)) =
				v | ((uint64_t)cq_head << 32) | ((uint64_t)(op >> 7) << 48);
			break;
		}
		case 6: {
			uint32_t sqe[32];

			take(&in, sqe, sizeof(sqe));
			if (cfg.kind == ZE_KIND_SEC) {
				uint8_t *b = (uint8_t *)sqe;

				if (!(op & 0x80))
					fold_sec(b);
				ze_sec_process(&q, b);
				if (debug)
					fprintf(stderr, "direct SEC: done_flag 0x%x error 0x%x\n", b[112] | b[113] << 8, b[114]);
				assert(b[112] & 1);   /* every BD completes */
				break;
			}
			sqe[ZE_DW_IN_LEN] %= MEM_SIZE + 16;
			sqe[ZE_DW_OUT_LEN] %= MEM_SIZE + 16;
			if (!(op & 0x80))
				fold_addresses(sqe);
			ze_zip_process(&q, sqe);
			if (debug)
				fprintf(stderr, "direct: status 0x%x consumed %u produced %u\n", sqe[ZE_DW_STATUS],
					sqe[ZE_DW_CONSUMED], sqe[ZE_DW_PRODUCED]);
			/* results are bounded by what the request allowed */
			assert(sqe[ZE_DW_PRODUCED] <= (sqe[ZE_DW_OUT_LEN] > ZE_MAX_OUT ? ZE_MAX_OUT : sqe[ZE_DW_OUT_LEN]));
			assert(sqe[ZE_DW_CONSUMED] <= sqe[ZE_DW_IN_LEN]);
			break;
		}
		case 7: {
			struct ze_doorbell d;
			uint64_t v;

			take(&in, &v, sizeof(v));
			ze_doorbell_decode(1 + op / 16 % 3, v, &d);
			assert(d.index == (uint16_t)(v >> 32) && d.priority == (uint16_t)(v >> 48));
			break;
		}
		case 8:
			ze_queue_stop(&q);
			dir ^= 1;
			ze_queue_start(&q, dir);
			sq_tail = cq_head = 0;
			phase = 1;
			ze_queue_clear_rings(&q);
			break;
		case 9:
			ze_queue_fail(&q);
			break;
		default:
			break;
		}
	}
	ze_queue_destroy(&q);
	free(dus);
	free(mmio);
	return 0;
}
