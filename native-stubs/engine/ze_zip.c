// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_zip.c - the ZIP engine: one SQE in, results in the same SQE out.
 *
 * Written from the hisi_zip SQE description (spec section 4):
 *  - SQE type 0 (tag dw13; QM v1/v2) and type 3 (tag dw26; QM v3); the tag
 *    and every request field are left as they are, only the output dwords
 *    (0,1,2,3,15,28,29,30,31) change;
 *  - request types raw deflate (type 3 only), zlib, gzip; flat buffers only;
 *  - the library writes the zlib/gzip header and skips it on decompression,
 *    the engine writes the trailer (zlib: Adler-32 big-endian; gzip: CRC-32
 *    and ISIZE little-endian) and verifies it when decompressing;
 *  - dw30 = running isize, dw31 = running checksum: Adler-32 for zlib,
 *    NOT(bitrev32(crc32)) for gzip; read back from the SQE when a stream
 *    continues (new-stream = 0), started fresh when new-stream = 1;
 *  - block mode: one request = one whole stream, always finished;
 *  - stream mode: stream_ctx_addr names the stream; the zlib state itself is
 *    kept by the engine (keyed by that address; the address must be readable
 *    in the opener's memory), not in the caller's context buffer.
 *
 * Status codes: see ze_core.h. A stateful decompression that reaches the
 * end of its stream reports 0x13 + lstblk; a completed stateless (block)
 * decompression reports 0x00, as silicon does (spec 4.6). Decompression
 * that consumed all input without reaching the end of the stream reports 0
 * without lstblk (both modes): the caller must send more input.
 */
#include "ze_core.h"

struct ze_job {
	struct ze_queue *q;
	struct ze_stream *st;
	uint32_t *sqe;
	unsigned int alg;
	uint64_t src, dst;
	uint32_t in_len, out_cap;
	uint32_t in_fed;
	uint32_t produced;
	uint32_t ck;
	uint32_t isize;
	int fault;
};

void ze_zs_end(struct ze_zs *z)
{
	if (z->kind == 1)
		zp_deflate_end(&z->s);
	else if (z->kind == 2)
		zp_inflate_end(&z->s);
	z->kind = 0;
}

static int ze_zs_prepare(struct ze_queue *q, struct ze_zs *z, int kind, int wbits)
{
	int ret;

	if (z->kind == kind && z->wbits == wbits) {
		ret = kind == 1 ? zp_deflate_reset(&z->s) : zp_inflate_reset(&z->s);
		if (ret == Z_OK)
			return 0;
	}
	ze_zs_end(z);
	ret = kind == 1 ? zp_deflate_init(&z->s, q->cfg.level, wbits) : zp_inflate_init(&z->s);
	if (ret != Z_OK)
		return -1;
	z->kind = kind;
	z->wbits = wbits;
	return 0;
}

static uint32_t ze_ck_init(unsigned int alg)
{
	return alg == ZE_REQ_ZLIB ? 1u : 0u;
}

static uint32_t ze_ck_from_sqe(unsigned int alg, uint32_t dw31)
{
	return alg == ZE_REQ_GZIP ? ~ze_bitrev32(dw31) : dw31;
}

static uint32_t ze_ck_to_sqe(unsigned int alg, uint32_t ck)
{
	if (alg == ZE_REQ_GZIP)
		return ~ze_bitrev32(ck);
	return alg == ZE_REQ_ZLIB ? ck : 0;
}

static uint32_t ze_ck_update(unsigned int alg, uint32_t ck, const uint8_t *p, size_t n)
{
	if (!n)
		return ck;
	if (alg == ZE_REQ_ZLIB)
		return ze_adler32(ck, p, n);
	if (alg == ZE_REQ_GZIP)
		return ze_crc32(ck, p, n);
	return ck;
}

static unsigned int ze_trailer_len(unsigned int alg)
{
	return alg == ZE_REQ_ZLIB ? 4 : alg == ZE_REQ_GZIP ? 8 : 0;
}

static void ze_trailer_build(unsigned int alg, uint32_t ck, uint32_t isize, uint8_t *t)
{
	if (alg == ZE_REQ_ZLIB) {
		t[0] = (uint8_t)(ck >> 24);
		t[1] = (uint8_t)(ck >> 16);
		t[2] = (uint8_t)(ck >> 8);
		t[3] = (uint8_t)ck;
	} else if (alg == ZE_REQ_GZIP) {
		int i;

		for (i = 0; i < 4; i++) {
			t[i] = (uint8_t)(ck >> (8 * i));
			t[4 + i] = (uint8_t)(isize >> (8 * i));
		}
	}
}

/* Refill the input bounce buffer when zlib has used it up. */
static int ze_feed(struct ze_job *j)
{
	z_stream *s = &j->st->z.s;
	uint32_t n;

	/* Once per chunk of work: an 8 MiB request must not hog a CPU in the
	 * kernel (no preemption point otherwise in a kthread). */
	zp_cond_resched();
	if (ze_queue_stop_requested(j->q))
		return -1;        /* bounded teardown: the SQE is dropped */
	if (s->avail_in || j->in_fed == j->in_len)
		return 0;
	n = j->in_len - j->in_fed;
	if (n > ZE_CHUNK)
		n = ZE_CHUNK;
	if (j->q->cfg.mem->read(j->q->cfg.mem_ctx, j->src + j->in_fed, j->q->ibuf, n)) {
		j->fault = 1;
		return -1;
	}
	s->next_in = j->q->ibuf;
	s->avail_in = n;
	j->in_fed += n;
	return 0;
}

static int ze_emit(struct ze_job *j, const uint8_t *p, uint32_t n)
{
	if (!n)
		return 0;
	if (ze_queue_stop_requested(j->q))
		return -1;        /* no output once a stop was requested */
	if (j->q->cfg.mem->write(j->q->cfg.mem_ctx, j->dst + j->produced, p, n)) {
		j->fault = 1;
		return -1;
	}
	j->produced += n;
	return 0;
}

/* Returns 1 when the request's work is ze_complete, 0 when the output is full,
 * -1 on error (status already set in the SQE). */
static int ze_run_compress(struct ze_job *j, int finish)
{
	struct ze_stream *st = j->st;
	z_stream *s = &st->z.s;
	int stuck = 0;

	for (;;) {
		uint32_t room = j->out_cap - j->produced, chunk, used, nout, before;
		const uint8_t *in0;
		int flush, ret;

		if (st->zend) {
			uint32_t n = st->trl_len - st->trl_pos;

			if (!n)
				return 1;
			if (n > room)
				n = room;
			if (!n)
				return 0;
			if (ze_emit(j, st->trl + st->trl_pos, n))
				return -1;
			st->trl_pos += n;
			continue;
		}
		if (ze_feed(j))
			return -1;
		if (!room)
			return 0;
		flush = Z_NO_FLUSH;
		if (j->in_fed == j->in_len && !s->avail_in)
			flush = finish ? Z_FINISH : Z_SYNC_FLUSH;
		chunk = room < ZE_CHUNK ? room : ZE_CHUNK;
		s->next_out = j->q->obuf;
		s->avail_out = chunk;
		before = s->avail_in;
		in0 = s->next_in;
		ret = zp_deflate(s, flush);
		used = before - s->avail_in;
		nout = chunk - s->avail_out;
		j->ck = ze_ck_update(j->alg, j->ck, in0, used);
		j->isize += used;
		if (ze_emit(j, j->q->obuf, nout))
			return -1;
		if (ret == Z_STREAM_END) {
			st->zend = 1;
			ze_trailer_build(j->alg, j->ck, j->isize, st->trl);
			st->trl_pos = 0;
			continue;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			zp_warn("q%u: deflate returned %d", j->q->cfg.qn, ret);
			j->sqe[ZE_DW_STATUS] = ZE_ST_INTERNAL;
			return -1;
		}
		if (flush == Z_SYNC_FLUSH && s->avail_out)
			return 1;         /* everything flushed */
		if (used || nout) {
			stuck = 0;
		} else if (++stuck > 2) {
			zp_warn("q%u: deflate makes no progress", j->q->cfg.qn);
			j->sqe[ZE_DW_STATUS] = ZE_ST_INTERNAL;
			return -1;
		}
	}
}

static int ze_run_decompress(struct ze_job *j)
{
	struct ze_stream *st = j->st;
	z_stream *s = &st->z.s;

	for (;;) {
		uint32_t room = j->out_cap - j->produced, chunk, used, nout, before;
		int ret;

		if (st->zend) {
			uint32_t want, got;

			while (st->trl_pos < st->trl_len) {
				if (ze_feed(j))
					return -1;
				if (!s->avail_in)
					return 0;             /* more input needed */
				st->trl[st->trl_pos++] = *s->next_in;
				s->next_in++;
				s->avail_in--;
			}
			st->done = 1;
			if (j->alg == ZE_REQ_ZLIB) {
				want = j->ck;
				got = ((uint32_t)st->trl[0] << 24) | ((uint32_t)st->trl[1] << 16) |
				      ((uint32_t)st->trl[2] << 8) | st->trl[3];
				if (want != got)
					return 2;
			} else if (j->alg == ZE_REQ_GZIP) {
				uint8_t t[8];

				ze_trailer_build(ZE_REQ_GZIP, j->ck, j->isize, t);
				if (memcmp(t, st->trl, 8))
					return 2;
			}
			return 1;
		}
		if (ze_feed(j))
			return -1;
		chunk = room < ZE_CHUNK ? room : ZE_CHUNK;
		s->next_out = j->q->obuf;
		s->avail_out = chunk;
		before = s->avail_in;
		ret = zp_inflate(s, Z_SYNC_FLUSH);
		used = before - s->avail_in;
		nout = chunk - s->avail_out;
		j->ck = ze_ck_update(j->alg, j->ck, j->q->obuf, nout);
		j->isize += nout;
		if (ze_emit(j, j->q->obuf, nout))
			return -1;
		if (ret == Z_STREAM_END) {
			st->zend = 1;
			st->trl_pos = 0;
			continue;
		}
		if (ret == Z_MEM_ERROR) {
			j->sqe[ZE_DW_STATUS] = ZE_ST_INTERNAL;
			return -1;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			j->q->stats.bad_data++;
			j->sqe[ZE_DW_STATUS] = ZE_ST_BAD_DATA;
			return -1;
		}
		if (!used && !nout) {
			if (!room)
				return 0;             /* output full */
			if (j->in_fed == j->in_len && !s->avail_in)
				return 3;             /* more input needed */
			j->sqe[ZE_DW_STATUS] = ZE_ST_INTERNAL;
			return -1;
		}
	}
}

static struct ze_stream *ze_stream_find(struct ze_queue *q, uint64_t key, int create)
{
	struct ze_stream *st, *victim = NULL;
	int i;

	for (i = 0; i < ZE_MAX_STREAMS; i++) {
		st = &q->streams[i];
		if (st->used && st->key == key) {
			st->lru = ++q->lru_clock;
			return st;
		}
	}
	if (!create)
		return NULL;
	for (i = 0; i < ZE_MAX_STREAMS; i++) {
		st = &q->streams[i];
		if (!st->used) {
			victim = st;
			break;
		}
		if (!victim || st->lru < victim->lru)
			victim = st;
	}
	if (victim->used)
		zp_info("q%u: stream 0x%llx evicted for 0x%llx", q->cfg.qn,
			(unsigned long long)victim->key, (unsigned long long)key);
	victim->used = 1;
	victim->key = key;
	victim->lru = ++q->lru_clock;
	return victim;
}

static void ze_bad_req(struct ze_queue *q, uint32_t *sqe, const char *why)
{
	q->stats.bad_req++;
	zp_info("q%u: bad SQE: %s", q->cfg.qn, why);
	sqe[ZE_DW_STATUS] = ZE_ST_BAD_REQ;
}

void ze_zip_process(struct ze_queue *q, uint32_t *sqe)
{
	uint32_t flags = sqe[ZE_DW_FLAGS], req = sqe[ZE_DW_REQ];
	unsigned int type = flags >> ZE_F_TYPE_SHIFT, alg = req & 0xFF;
	unsigned int buft = (req >> 8) & 0xF, win = (req >> 12) & 0xF;
	int stream_mode = !!(flags & ZE_F_STREAM_MODE);
	int new_stream = !!(flags & ZE_F_NEW_STREAM) || !stream_mode;
	int finish = !!(flags & ZE_F_FLUSH_FINISH) || !stream_mode;
	struct ze_job j;
	int wbits = 15, r;

	sqe[ZE_DW_CONSUMED] = 0;
	sqe[ZE_DW_PRODUCED] = 0;
	sqe[ZE_DW_COMP_LEN] = 0;
	sqe[ZE_DW_STATUS] = ZE_ST_OK;
	sqe[ZE_DW_CTX0] = 0;
	sqe[ZE_DW_CTX1] = 0;
	sqe[ZE_DW_CTX2] = 0;

	if (!(type == 0 || (type == 3 && q->cfg.api >= 3)))
		return ze_bad_req(q, sqe, "SQE type not supported by this QM version");
	if (alg != ZE_REQ_ZLIB && alg != ZE_REQ_GZIP && !(alg == ZE_REQ_DEFLATE && type == 3))
		return ze_bad_req(q, sqe, "request type not supported");
	if (buft != 0)
		return ze_bad_req(q, sqe, "only flat buffers (buffer type 0) are supported");
	memset(&j, 0, sizeof(j));
	j.q = q;
	j.sqe = sqe;
	j.alg = alg;
	j.in_len = sqe[ZE_DW_IN_LEN];
	j.out_cap = sqe[ZE_DW_OUT_LEN] > ZE_MAX_OUT ? ZE_MAX_OUT : sqe[ZE_DW_OUT_LEN];
	j.src = ((uint64_t)sqe[ZE_DW_SRC_H] << 32) | sqe[ZE_DW_SRC_L];
	j.dst = ((uint64_t)sqe[ZE_DW_DST_H] << 32) | sqe[ZE_DW_DST_L];
	if (j.in_len > ZE_MAX_IN)
		return ze_bad_req(q, sqe, "input longer than 8 MiB");
	if (type == 3 && win <= 4)
		wbits = win < 3 ? 12 + (int)win : 15;

	if (stream_mode) {
		uint64_t key = ((uint64_t)sqe[ZE_DW_CTXADDR_H] << 32) | sqe[ZE_DW_CTXADDR_L];
		uint8_t probe[8];

		if (!key)
			return ze_bad_req(q, sqe, "stream mode without stream_ctx_addr");
		if (q->cfg.mem->read(q->cfg.mem_ctx, key, probe, sizeof(probe))) {
			q->stats.faults++;
			sqe[ZE_DW_STATUS] = ZE_ST_ADDR_FAULT;
			return;
		}
		j.st = ze_stream_find(q, key, new_stream);
		if (!j.st)
			return ze_bad_req(q, sqe, "stream continues but its context is unknown");
		if (!new_stream && (j.st->dir != q->dir || j.st->alg != alg))
			return ze_bad_req(q, sqe, "stream continues with another type/direction");
	} else {
		j.st = &q->blk;
	}

	if (new_stream) {
		struct ze_stream *st = j.st;

		if (ze_zs_prepare(q, &st->z, q->dir == ZE_DIR_COMPRESS ? 1 : 2, wbits)) {
			st->used = 0;
			sqe[ZE_DW_STATUS] = ZE_ST_INTERNAL;
			return;
		}
		st->dir = q->dir;
		st->alg = alg;
		st->zend = 0;
		st->done = 0;
		st->trl_pos = 0;
		st->trl_len = ze_trailer_len(alg);
		j.ck = ze_ck_init(alg);
		j.isize = 0;
	} else {
		j.ck = ze_ck_from_sqe(alg, sqe[ZE_DW_CHECKSUM]);
		j.isize = sqe[ZE_DW_ISIZE];
	}
	/* Input left over from an earlier request was reported as not
	 * consumed; the caller sends it again. */
	j.st->z.s.avail_in = 0;
	j.st->z.s.next_in = q->ibuf;

	if (q->dir == ZE_DIR_COMPRESS) {
		if (j.st->done)
			r = 1;
		else
			r = ze_run_compress(&j, finish);
		if (r == 1 && j.st->zend)
			j.st->done = 1;   /* deflate end and trailer written */
	} else {
		if (j.st->done) {
			sqe[ZE_DW_STATUS] = ZE_ST_STREAM_END | ZE_ST_LSTBLK;
			sqe[ZE_DW_CTX0] = ZE_CTX_BFINAL;
			goto out;
		}
		r = ze_run_decompress(&j);
		if (r == 1) {
			/* Spec 4.6: 0x13 + lstblk ends a stateful stream only;
			 * a completed stateless decompression returns 0x00. */
			sqe[ZE_DW_STATUS] = stream_mode ? ZE_ST_STREAM_END | ZE_ST_LSTBLK : ZE_ST_OK;
		} else if (r == 2) {
			sqe[ZE_DW_STATUS] = ZE_ST_CHECKSUM;
		} else if (r == 0) {
			if (stream_mode)
				sqe[ZE_DW_CTX0] = ZE_CTX_ST_NO_SPACE;
			else
				sqe[ZE_DW_STATUS] = ZE_ST_OUT_SPACE;
		}
		if (j.st->zend)
			sqe[ZE_DW_CTX0] |= ZE_CTX_BFINAL;
	}
	if (q->dir == ZE_DIR_COMPRESS && r == 0) {
		if (stream_mode)
			sqe[ZE_DW_CTX0] = finish ? ZE_CTX_ST_LAST_NO_SPACE : ZE_CTX_ST_NO_SPACE;
		else
			sqe[ZE_DW_STATUS] = ZE_ST_OUT_SPACE;
	}
	if (r < 0) {
		if (j.fault) {
			q->stats.faults++;
			sqe[ZE_DW_STATUS] = ZE_ST_ADDR_FAULT;
		}
		/* The zlib state no longer matches what the caller saw. */
		if (stream_mode)
			j.st->used = 0;
	}
out:
	sqe[ZE_DW_CONSUMED] = j.in_fed - j.st->z.s.avail_in;
	sqe[ZE_DW_PRODUCED] = j.produced;
	sqe[ZE_DW_COMP_LEN] = q->dir == ZE_DIR_COMPRESS ? j.produced : sqe[ZE_DW_CONSUMED];
	sqe[ZE_DW_ISIZE] = j.isize;
	sqe[ZE_DW_CHECKSUM] = ze_ck_to_sqe(alg, j.ck);
}
