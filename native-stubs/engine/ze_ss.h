/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_ss.h - the no-SVA (openEuler SS region) address window shared by the
 * stubs: SQE addresses are fake DMA addresses [dma, dma + size) of one SS
 * buffer; this copies between such a range and the host's buffer. Used by
 * the ze_mem_ops of a stub in no-SVA mode.
 */
#ifndef ZE_SS_H
#define ZE_SS_H

#include "ze_platform.h"

/* Copies len bytes between the SS buffer (base, mapped at device address
 * dma, size bytes) and buf: to_ss = 1 writes into SS. 0, or -1 when the
 * range is not entirely inside the window. */
static inline int ze_ss_copy(void *base, uint64_t dma, size_t size, uint64_t addr,
			     void *buf, uint32_t len, int to_ss)
{
	uint8_t *p;

	if (!base || addr < dma || addr - dma > size || len > size - (addr - dma))
		return -1;
	p = (uint8_t *)base + (addr - dma);
	if (to_ss)
		memcpy(p, buf, len);
	else
		memcpy(buf, p, len);
	return 0;
}

#endif /* ZE_SS_H */
