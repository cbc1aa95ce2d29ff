// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_hpre.c - the HPRE engine: one 64-byte SQE in, dw0 done/etype out.
 * (first step: every request completes with done = 3 and an error)
 */
#include "ze_core.h"

void ze_hpre_process(struct ze_queue *q, uint8_t *sqe)
{
	uint32_t dw0 = (uint32_t)sqe[0] | (uint32_t)sqe[1] << 8 | (uint32_t)sqe[2] << 16 |
		       (uint32_t)sqe[3] << 24;

	q->stats.bad_req++;
	dw0 = (dw0 & 0x1F) | 1u << 5 | 3u << 30;
	memcpy(sqe, &dw0, 4);
}
