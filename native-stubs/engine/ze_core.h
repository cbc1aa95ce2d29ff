/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_core.h - portable device-engine core of the hisi_zip stubs.
 *
 * The core emulates one HiSilicon QM queue pair with the ZIP engine behind
 * it: it watches the doorbell word of the queue's MMIO page, takes SQEs from
 * the SQ ring, runs deflate/inflate (raw, zlib, gzip; block and stream
 * mode), writes the results into the SQ slot and publishes CQEs with the
 * phase bit. It knows nothing about the kernel or libc: the includer
 * supplies "ze_platform.h" (allocation, zlib, barriers, time, logging), and
 * the queue owner supplies the ring memory and a callback that reads/writes
 * the opener's buffers (SVA: process virtual addresses; no-SVA: SS DMA
 * addresses).
 *
 * Threading: all ze_queue_* calls for one queue must be serialised by the
 * caller, except ze_queue_cq_updated(), which only touches its own fields
 * and the CQ memory and may run concurrently with ze_queue_service()
 * (serialise ze_queue_cq_updated() calls among themselves).
 */
#ifndef ZE_CORE_H
#define ZE_CORE_H

#include "ze_platform.h"

/* ------------------------------------------------------------ constants */

#define ZE_SQE_SIZE        128u   /* ZIP and SEC; the largest SQE of any kind */
#define ZE_HPRE_SQE_SIZE   64u
#define ZE_CQE_SIZE        16u

/* Engine kinds behind a queue (ze_queue_cfg.kind). */
#define ZE_KIND_ZIP        0
#define ZE_KIND_SEC        1
#define ZE_KIND_HPRE       2
#define ZE_DEFAULT_DEPTH   1024u

/* Doorbell offset inside the MMIO region, by QM version (api hisi_qm_vN). */
#define ZE_DB_OFFSET_V1    0x340u
#define ZE_DB_OFFSET_V2    0x1000u

/* Doorbell commands. */
#define ZE_DB_CMD_SQ       0u
#define ZE_DB_CMD_CQ       1u

/* Queue direction (hisi_qp_ctx.qc_type). */
#define ZE_DIR_COMPRESS    0
#define ZE_DIR_DECOMPRESS  1

/* SQE status codes (dw3[7:0]) written by this engine. */
#define ZE_ST_OK           0x00u
#define ZE_ST_OUT_SPACE    0x0Eu  /* stateless: output does not fit */
#define ZE_ST_CHECKSUM     0x10u  /* zlib/gzip trailer mismatch */
#define ZE_ST_BAD_DATA     0x11u  /* corrupt deflate data (stub's choice) */
#define ZE_ST_STREAM_END   0x13u  /* decompression reached the stream end */
#define ZE_ST_BAD_REQ      0x14u  /* unsupported/invalid SQE (stub's choice) */
#define ZE_ST_ADDR_FAULT   0x15u  /* buffer outside the opener's memory (stub) */
#define ZE_ST_INTERNAL     0x16u  /* engine out of memory (stub's choice) */
#define ZE_ST_LSTBLK       0x100u /* dw3 bit 8: last block seen */

/* ctx_dw0 (dw15) values written in stream mode. */
#define ZE_CTX_ST_LAST_NO_SPACE 0x1u /* finishing, output pending: resend */
#define ZE_CTX_ST_NO_SPACE      0x2u /* output full, more pending: resend */
#define ZE_CTX_BFINAL           0x80u

/* Request types (dw9[7:0]). */
#define ZE_REQ_DEFLATE     0x01u
#define ZE_REQ_ZLIB        0x02u
#define ZE_REQ_GZIP        0x03u

/* SQE dword indices. */
#define ZE_DW_CONSUMED     0
#define ZE_DW_PRODUCED     1
#define ZE_DW_COMP_LEN     2
#define ZE_DW_STATUS       3
#define ZE_DW_IN_LEN       4
#define ZE_DW_FLAGS        7
#define ZE_DW_REQ          9
#define ZE_DW_TAG_T0       13
#define ZE_DW_OUT_LEN      14
#define ZE_DW_CTX0         15
#define ZE_DW_SRC_L        18
#define ZE_DW_SRC_H        19
#define ZE_DW_DST_L        20
#define ZE_DW_DST_H        21
#define ZE_DW_CTXADDR_L    22
#define ZE_DW_CTXADDR_H    23
#define ZE_DW_TAG_T3       26
#define ZE_DW_CTX1         28
#define ZE_DW_CTX2         29
#define ZE_DW_ISIZE        30
#define ZE_DW_CHECKSUM     31

/* dw7 bits. */
#define ZE_F_FLUSH_FINISH  (1u << 25)
#define ZE_F_STREAM_MODE   (1u << 26)
#define ZE_F_NEW_STREAM    (1u << 27)
#define ZE_F_TYPE_SHIFT    28

/* Limits (UADK's flat-buffer limits). */
#define ZE_MAX_IN          0x800000u
#define ZE_MAX_OUT         0x800000u

/* Engine-private stream contexts per queue (keyed by stream_ctx_addr). */
#define ZE_MAX_STREAMS     8
/* Bounce buffer size for opener-memory access. */
#define ZE_CHUNK           0x10000u

/* ze_queue_service() result bits. */
#define ZE_SVC_WORK        0x1u  /* processed SQEs or saw a new doorbell */
#define ZE_SVC_EVENT       0x2u  /* completion event: wake poll() waiters */
#define ZE_SVC_STOPPED     0x4u  /* the queue stopped itself (CQ overflow) */
#define ZE_SVC_BLOCKED     0x8u  /* SQEs pending but CQ full (grace period) */

/* Negative error returns of ze_queue_init / ze_queue_start. */
#define ZE_ERR_NOMEM       (-12)
#define ZE_ERR_INVAL       (-22)

/* ------------------------------------------------------------ interface */

/*
 * Access to the opener's memory. Return 0 when all len bytes were copied,
 * negative when any part of [addr, addr+len) is not accessible.
 */
struct ze_mem_ops {
	int (*read)(void *ctx, uint64_t addr, void *dst, uint32_t len);
	int (*write)(void *ctx, uint64_t addr, const void *src, uint32_t len);
};

struct ze_queue_cfg {
	unsigned int api;         /* QM version: 1, 2 or 3 */
	int kind;                 /* ZE_KIND_ZIP (0), _SEC, _HPRE: SQE size, request dispatch */
	uint16_t qn;              /* queue number (doorbell qn, CQE sq_num) */
	uint16_t sq_depth;        /* 0 -> 1024 */
	uint16_t cq_depth;        /* 0 -> 1024 */
	volatile void *mmio;      /* start of the queue's MMIO region */
	void *dus;                /* start of the queue's DUS region */
	size_t dus_size;          /* DUS size (stop words at the end) */
	const struct ze_mem_ops *mem;
	void *mem_ctx;
	uint64_t cq_grace_ns;     /* wait this long for a CQ doorbell when full */
	int level;                /* deflate level, 1..9 (0 -> 6) */
	unsigned int batch;       /* max SQEs per service call (0 -> 64) */
	int need_arm;             /* 1: events only after CQ doorbell prio 1 */
	int latched;              /* 1: doorbells arrive through ze_queue_doorbell()
	                           * (the owner latched every write); the word in
	                           * mmio is not read */
	int cq_fault;             /* fault injection (0 none): 1 CQ doorbells ignored, so the
	                           * CQ fills and overflows after the grace; 2 every CQE
	                           * written twice (a spurious second completion of the same
	                           * SQE, without a room check: more CQEs than the ring holds) */
};

struct ze_zs {                    /* one zlib state (deflate or inflate) */
	z_stream s;
	int kind;                 /* 0 none, 1 deflate, 2 inflate */
	int wbits;
};

struct ze_stream {
	uint64_t key;             /* stream_ctx_addr as the device sees it */
	uint64_t lru;
	int used;
	int dir;
	unsigned int alg;
	int zend;                 /* deflate/inflate reached Z_STREAM_END */
	int done;                 /* trailer written/verified */
	uint8_t trl[8];
	unsigned int trl_len;     /* trailer length for this alg */
	unsigned int trl_pos;     /* bytes written (comp) / collected (decomp) */
	struct ze_zs z;
};

struct ze_stats {
	uint64_t sqes, cqes, doorbells, overflows, faults, bad_req, bad_data;
	uint64_t dropped;         /* SQEs left unanswered by a stop request */
};

struct ze_queue {
	struct ze_queue_cfg cfg;
	/* ring geometry */
	unsigned int sqe_size;    /* ze_sqe_size(cfg.kind) */
	uint8_t *sq, *cq;
	volatile uint32_t *tx_stop, *rx_stop;
	volatile uint64_t *db;
	/* device state */
	int running;
	/* Stop request (release, PUT_Q, SS unmap, dying opener): written by any
	 * thread without the owner's lock, read by the engine once per SQE and
	 * once per ZE_CHUNK of (de)compression work. */
	volatile uint32_t stop_req;
	int dir;
	uint64_t last_db;
	uint16_t sq_head, sq_tail;
	uint16_t cq_tail, cq_head;
	uint16_t cq_used;
	int phase;
	int armed;
	uint64_t full_since;
	/* poll() view (is_q_updated) */
	volatile uint32_t cq_published;
	uint32_t poll_seen;
	/* zip */
	uint8_t *ibuf, *obuf;
	struct ze_stream blk;
	struct ze_stream streams[ZE_MAX_STREAMS];
	uint64_t lru_clock;
	struct ze_stats stats;
};

/* SQE size of an engine kind (128 ZIP/SEC, 64 HPRE; 0 for an unknown kind). */
unsigned int ze_sqe_size(int kind);
/* Bytes of the SQ + CQ rings at the default depths (region_dus_size = this
 * rounded up to pages, plus one page for the stop words). */
size_t ze_ring_bytes(int kind);

/* Once per process / module, before any queue: builds the CRC table. */
void ze_global_init(void);

/* Validates cfg (api 1..3, depths >= 2, DUS holding both rings and the stop
 * words) and computes the ring layout; allocates nothing big. */
int ze_queue_init(struct ze_queue *q, const struct ze_queue_cfg *cfg);
/* What the kernel does at open(): zero the CQ ring and both stop words. */
void ze_queue_clear_rings(struct ze_queue *q);
/* START_Q: latch the direction (qc_type), reset SQ head/CQ tail, phase 1. */
int ze_queue_start(struct ze_queue *q, int qc_type);
/* Stop processing (PUT_Q, release, SS unmap). Keeps the stop words. */
void ze_queue_stop(struct ze_queue *q);
/*
 * Bounded teardown: ask a running ze_queue_service() to give up. The only
 * call that needs no serialisation: call it from any thread *before* taking
 * the owner's lock to ze_queue_stop(). The engine checks the request before
 * each SQE and before each ZE_CHUNK of input or output; the SQE in progress
 * and every SQE after it are dropped (no output written after the check, no
 * CQE), so the owner's lock is free again within one chunk of work.
 * ze_queue_start() clears the request.
 */
void ze_queue_request_stop(struct ze_queue *q);
/* 1 once ze_queue_request_stop() was called (any thread). */
int ze_queue_stop_requested(const struct ze_queue *q);
/* Hardware error / reset / CQ overflow: TX-stop, stop, then RX-stop. */
void ze_queue_fail(struct ze_queue *q);
/* One latched doorbell write (cfg.latched): taken as it is, repeats included
 * (a repeated CQ doorbell with priority 1 re-arms the event, as on silicon). */
void ze_queue_doorbell(struct ze_queue *q, uint64_t v);
/* Read the doorbell (unless latched), process what it allows. now_ns:
 * monotonic time. */
unsigned int ze_queue_service(struct ze_queue *q, uint64_t now_ns);
/* poll(): 1 if CQEs were published since the last call that looked. */
int ze_queue_cq_updated(struct ze_queue *q);
/* Free zlib states and bounce buffers. */
void ze_queue_destroy(struct ze_queue *q);

/* Doorbell decoding, exposed for tests. */
struct ze_doorbell {
	uint16_t qn, cmd, index, priority;
};
void ze_doorbell_decode(unsigned int api, uint64_t v, struct ze_doorbell *d);

/* Checksums (also used by the tests). */
uint32_t ze_crc32(uint32_t crc, const uint8_t *p, size_t n);
uint32_t ze_adler32(uint32_t adler, const uint8_t *p, size_t n);
uint32_t ze_bitrev32(uint32_t v);

/* Internal: release one zlib state (ze_zip.c). */
void ze_zs_end(struct ze_zs *z);

/* One SQE (32 little-endian dwords in host order), exposed for tests. */
void ze_zip_process(struct ze_queue *q, uint32_t *sqe);
/* One SEC BD (BD2 or BD3, 128 bytes) in place: results into the BD's
 * done_flag / error_type bytes, data into the buffers it names (ze_sec.c). */
void ze_sec_process(struct ze_queue *q, uint8_t *bd);
/* One HPRE SQE (64 bytes) in place: dw0 done/etype, dw6 verdict (ze_hpre.c). */
void ze_hpre_process(struct ze_queue *q, uint8_t *sqe);

#endif /* ZE_CORE_H */
