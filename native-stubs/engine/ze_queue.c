// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_queue.c - the QM side of the engine: doorbell decoding, SQ/CQ ring,
 * phase bit, CQ space with a grace period, stop words, poll() view.
 *
 * The MMIO "register" is ordinary memory here, so a doorbell can be
 * overwritten (an SQ doorbell by a CQ doorbell) before the engine reads it.
 * The engine therefore acts on the newest value it sees, treats SQ/CQ
 * doorbells as idempotent (same tail/head again = nothing new) and, when
 * its view of the CQ is full, waits cfg.cq_grace_ns for a CQ doorbell
 * before declaring a CQ overflow (the driver re-kicks its last doorbells
 * while it waits; see docs/architecture.md, "Memory-backed doorbells").
 * An owner that latches every write (the kernel stub's trapped doorbell page,
 * cfg.latched) hands each value to ze_queue_doorbell() instead.
 */
#include "ze_core.h"

void ze_doorbell_decode(unsigned int api, uint64_t v, struct ze_doorbell *d)
{
	if (api == 1) {
		d->qn = (uint16_t)(v & 0xFFFF);
		d->cmd = (uint16_t)((v >> 16) & 0xFFFF);
	} else {
		d->qn = (uint16_t)(v & 0xFFF);
		d->cmd = (uint16_t)((v >> 12) & 0xF);
	}
	d->index = (uint16_t)((v >> 32) & 0xFFFF);
	d->priority = (uint16_t)((v >> 48) & 0xFFFF);
}

unsigned int ze_sqe_size(int kind)
{
	switch (kind) {
	case ZE_KIND_ZIP:
	case ZE_KIND_SEC:
		return ZE_SQE_SIZE;
	case ZE_KIND_HPRE:
		return ZE_HPRE_SQE_SIZE;
	default:
		return 0;
	}
}

size_t ze_ring_bytes(int kind)
{
	return (size_t)ze_sqe_size(kind) * ZE_DEFAULT_DEPTH + (size_t)ZE_CQE_SIZE * ZE_DEFAULT_DEPTH;
}

int ze_queue_init(struct ze_queue *q, const struct ze_queue_cfg *cfg)
{
	size_t ring;
	uint32_t dboff;

	memset(q, 0, sizeof(*q));
	q->cfg = *cfg;
	if (!q->cfg.sq_depth)
		q->cfg.sq_depth = ZE_DEFAULT_DEPTH;
	if (!q->cfg.cq_depth)
		q->cfg.cq_depth = ZE_DEFAULT_DEPTH;
	if (q->cfg.level <= 0 || q->cfg.level > 9)
		q->cfg.level = 6;
	if (!q->cfg.batch)
		q->cfg.batch = 64;
	q->sqe_size = ze_sqe_size(q->cfg.kind);
	if (q->cfg.api < 1 || q->cfg.api > 3 || !cfg->mmio || !cfg->dus || !cfg->mem ||
	    !q->sqe_size)
		return ZE_ERR_INVAL;
	/* One slot always stays free: a ring of one entry could never take an SQE
	 * and its CQ would count as full at once (overflow after the grace). */
	if (q->cfg.sq_depth < 2 || q->cfg.cq_depth < 2)
		return ZE_ERR_INVAL;
	ring = (size_t)q->sqe_size * q->cfg.sq_depth + (size_t)ZE_CQE_SIZE * q->cfg.cq_depth;
	if (cfg->dus_size < ring + 8 || (cfg->dus_size & 7))
		return ZE_ERR_INVAL;
	dboff = q->cfg.api == 1 ? ZE_DB_OFFSET_V1 : ZE_DB_OFFSET_V2;
	q->sq = (uint8_t *)cfg->dus;
	q->cq = q->sq + (size_t)q->sqe_size * q->cfg.sq_depth;
	q->tx_stop = (volatile uint32_t *)((uint8_t *)cfg->dus + cfg->dus_size - 4);
	q->rx_stop = (volatile uint32_t *)((uint8_t *)cfg->dus + cfg->dus_size - 8);
	q->db = (volatile uint64_t *)((volatile uint8_t *)cfg->mmio + dboff);
	q->phase = 1;
	return 0;
}

void ze_queue_clear_rings(struct ze_queue *q)
{
	memset(q->cq, 0, (size_t)ZE_CQE_SIZE * q->cfg.cq_depth);
	zp_store32(q->rx_stop, 0);
	zp_store32(q->tx_stop, 0);
	zp_mb();
}

int ze_queue_start(struct ze_queue *q, int qc_type)
{
	if (qc_type != ZE_DIR_COMPRESS && qc_type != ZE_DIR_DECOMPRESS)
		return ZE_ERR_INVAL;
	if (!q->ibuf)
		q->ibuf = zp_alloc(ZE_CHUNK);
	if (!q->obuf)
		q->obuf = zp_alloc(ZE_CHUNK);
	if (!q->ibuf || !q->obuf)
		return ZE_ERR_NOMEM;
	q->dir = qc_type;
	/* Like the SQC/CQC set-up at START: heads/tails 0, phase 1, event
	 * enabled. The CQ memory is NOT cleared here (only at open). A stale
	 * doorbell value from before START is forgotten. */
	q->sq_head = q->sq_tail = 0;
	q->cq_head = q->cq_tail = 0;
	q->cq_used = 0;
	q->phase = 1;
	q->armed = 1;
	q->full_since = 0;
	zp_store64(q->db, 0);
	q->last_db = 0;
	zp_store32(&q->stop_req, 0);
	zp_mb();
	q->running = 1;
	return 0;
}

void ze_queue_stop(struct ze_queue *q)
{
	q->running = 0;
}

void ze_queue_request_stop(struct ze_queue *q)
{
	zp_store32_release(&q->stop_req, 1);
	zp_mb();
}

int ze_queue_stop_requested(const struct ze_queue *q)
{
	return zp_load32(&q->stop_req) != 0;
}

/* A stop was requested: the queue stops, whatever is still queued is
 * dropped (an SQE aborted mid-way was counted by ze_complete). */
static unsigned int ze_queue_drop(struct ze_queue *q)
{
	q->stats.dropped += (uint16_t)((q->sq_tail + q->cfg.sq_depth - q->sq_head) % q->cfg.sq_depth);
	q->running = 0;
	return 0;
}

void ze_queue_fail(struct ze_queue *q)
{
	zp_store32(q->tx_stop, 1);
	zp_mb();
	q->running = 0;
	zp_store32(q->rx_stop, 1);
	zp_mb();
}

static void ze_take_doorbell(struct ze_queue *q, uint64_t v)
{
	struct ze_doorbell d;
	uint16_t rel;

	ze_doorbell_decode(q->cfg.api, v, &d);
	q->stats.doorbells++;
	if (d.qn != q->cfg.qn) {
		zp_warn("q%u: doorbell for qn %u ignored (0x%llx)", q->cfg.qn, d.qn,
			(unsigned long long)v);
		return;
	}
	switch (d.cmd) {
	case ZE_DB_CMD_SQ:
		if (d.index >= q->cfg.sq_depth) {
			zp_warn("q%u: SQ doorbell index %u >= depth", q->cfg.qn, d.index);
			return;
		}
		q->sq_tail = d.index;
		break;
	case ZE_DB_CMD_CQ:
		if (d.index >= q->cfg.cq_depth) {
			zp_warn("q%u: CQ doorbell index %u >= depth", q->cfg.qn, d.index);
			return;
		}
		if (q->cfg.cq_fault == 1)
			return;       /* injected: CQ doorbells not honoured */
		rel = (uint16_t)((d.index + q->cfg.cq_depth - q->cq_head) % q->cfg.cq_depth);
		if (rel > q->cq_used) {
			zp_warn("q%u: CQ doorbell head %u releases %u > %u written; ignored",
				q->cfg.qn, d.index, rel, q->cq_used);
			return;
		}
		q->cq_head = d.index;
		q->cq_used -= rel;
		if (d.priority == 1)
			q->armed = 1;
		break;
	default:
		zp_warn("q%u: doorbell cmd %u ignored (EQ/AEQ are kernel-only)", q->cfg.qn, d.cmd);
	}
}

static void ze_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* The dwords a completion writes back into the SQ slot, per engine kind;
 * every other dword of the request is left as the driver wrote it. */
static const int ze_zip_outs[] = { ZE_DW_CONSUMED, ZE_DW_PRODUCED, ZE_DW_COMP_LEN,
	ZE_DW_STATUS, ZE_DW_CTX0, ZE_DW_CTX1, ZE_DW_CTX2, ZE_DW_ISIZE, ZE_DW_CHECKSUM, -1 };
/* SEC: done_flag/error_type/warning_type (bytes 112-115), BD3 hac_sva_status (byte 121). */
static const int ze_sec_outs[] = { 28, 30, -1 };
/* HPRE: dw0 (done, etype, etype1), dw6 (verify verdict bit 1). */
static const int ze_hpre_outs[] = { 0, 6, -1 };

/* One CQE at the tail for SQ slot `slot`, its phase bit last. */
static void ze_write_cqe(struct ze_queue *q, uint16_t slot)
{
	uint8_t *cqe = q->cq + (size_t)q->cq_tail * ZE_CQE_SIZE;
	uint8_t head[12];
	unsigned int i;

	memset(head, 0, sizeof(head));
	ze_put_le16(head + 8, slot);
	ze_put_le16(head + 10, q->cfg.qn);
	for (i = 0; i < 3; i++) {
		uint32_t w;

		memcpy(&w, head + 4 * i, 4);
		zp_store32((volatile uint32_t *)(cqe + 4 * i), w);
	}
	zp_wmb();
	/* dword 3 = rsvd2 (0) | w7 << 16, w7 bit 0 = phase */
	zp_store32_release((volatile uint32_t *)(cqe + 12), (uint32_t)(q->phase & 1) << 16);
	q->stats.cqes++;
	zp_store32(&q->cq_published, q->cq_published + 1);
	q->cq_used++;
	if (++q->cq_tail == q->cfg.cq_depth) {
		q->cq_tail = 0;
		q->phase ^= 1;
	}
}

/* Results into the SQ slot first, then the CQE. */
static void ze_complete(struct ze_queue *q, uint16_t slot, const uint32_t *sqe)
{
	const int *outs = q->cfg.kind == ZE_KIND_SEC ? ze_sec_outs :
			  q->cfg.kind == ZE_KIND_HPRE ? ze_hpre_outs : ze_zip_outs;
	volatile uint32_t *dst = (volatile uint32_t *)(q->sq + (size_t)slot * q->sqe_size);
	unsigned int i;

	for (i = 0; outs[i] >= 0; i++)
		zp_store32(&dst[outs[i]], sqe[outs[i]]);
	if (ze_queue_stop_requested(q)) {
		/* aborted (or just finished) after a stop request: dropped, no CQE
		 * (the SQ slot is the queue's own ring memory) */
		q->stats.dropped++;
		return;
	}
	ze_write_cqe(q, slot);
	if (q->cfg.cq_fault == 2)
		ze_write_cqe(q, slot);   /* injected: a spurious second completion */
}

void ze_queue_doorbell(struct ze_queue *q, uint64_t v)
{
	if (!q->running)
		return;
	q->last_db = v;
	ze_take_doorbell(q, v);
}

unsigned int ze_queue_service(struct ze_queue *q, uint64_t now_ns)
{
	unsigned int act = 0, n = 0;
	uint64_t v;

	if (!q->running)
		return 0;
	if (ze_queue_stop_requested(q))
		return ze_queue_drop(q);
	if (!q->cfg.latched) {
		v = zp_load64_acquire(q->db);
		if (v != q->last_db) {
			q->last_db = v;
			ze_take_doorbell(q, v);
			act |= ZE_SVC_WORK;
		}
	}
	while (q->running && q->sq_head != q->sq_tail && n < q->cfg.batch &&
	       !ze_queue_stop_requested(q)) {
		uint32_t sqe[32];

		/* Keep one CQ slot free: a full CQ and an empty CQ would otherwise
		 * look the same to the CQ doorbell. */
		if (q->cq_used >= q->cfg.cq_depth - 1) {
			if (!q->full_since) {
				q->full_since = now_ns ? now_ns : 1;
			} else if (now_ns - q->full_since >= q->cfg.cq_grace_ns) {
				zp_warn("q%u: CQ overflow (no CQ doorbell for %llu ns)",
					q->cfg.qn, (unsigned long long)(now_ns - q->full_since));
				q->stats.overflows++;
				ze_queue_fail(q);
				return act | ZE_SVC_STOPPED | ZE_SVC_EVENT;
			}
			return act | ZE_SVC_BLOCKED;
		}
		q->full_since = 0;
		memset(sqe, 0, sizeof(sqe));
		memcpy(sqe, q->sq + (size_t)q->sq_head * q->sqe_size, q->sqe_size);
		q->stats.sqes++;
		if (q->cfg.kind == ZE_KIND_SEC)
			ze_sec_process(q, (uint8_t *)sqe);
		else if (q->cfg.kind == ZE_KIND_HPRE)
			ze_hpre_process(q, (uint8_t *)sqe);
		else
			ze_zip_process(q, sqe);
		ze_complete(q, q->sq_head, sqe);
		q->sq_head = (uint16_t)((q->sq_head + 1) % q->cfg.sq_depth);
		act |= ZE_SVC_WORK;
		n++;
		if (q->armed && !ze_queue_stop_requested(q)) {
			act |= ZE_SVC_EVENT;
			if (q->cfg.need_arm)
				q->armed = 0;
		}
	}
	if (ze_queue_stop_requested(q))
		return act | ze_queue_drop(q);
	return act;
}

/*
 * Upstream hisi_qm scans the CQ from a private head/phase; if nobody polls
 * for a whole lap of the ring that scan never catches up again. The stub
 * compares a count of published CQEs instead: same answer when poll() is
 * called regularly, and it cannot get stuck.
 */
int ze_queue_cq_updated(struct ze_queue *q)
{
	uint32_t now = zp_load32(&q->cq_published);
	int updated = now != q->poll_seen;

	q->poll_seen = now;
	return updated;
}

void ze_queue_destroy(struct ze_queue *q)
{
	int i;

	q->running = 0;
	ze_zs_end(&q->blk.z);
	for (i = 0; i < ZE_MAX_STREAMS; i++)
		ze_zs_end(&q->streams[i].z);
	zp_free(q->ibuf);
	zp_free(q->obuf);
	q->ibuf = q->obuf = NULL;
}
