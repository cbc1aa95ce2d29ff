// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_sum.c - CRC-32 (gzip) and Adler-32 (zlib) computed by the engine
 * itself, so the core needs only raw deflate/inflate from the platform.
 */
#include "ze_core.h"

static uint32_t ze_crc_table[256];

void ze_global_init(void)
{
	uint32_t i, k, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		ze_crc_table[i] = c;
	}
}

/* Standard CRC-32 (as zlib's crc32(): start with 0). */
uint32_t ze_crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = ze_crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

/* Adler-32 (start with 1). */
uint32_t ze_adler32(uint32_t adler, const uint8_t *p, size_t n)
{
	uint32_t a = adler & 0xFFFF, b = adler >> 16;

	while (n) {
		size_t k = n < 5552 ? n : 5552;

		n -= k;
		while (k--) {
			a += *p++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return (b << 16) | a;
}

uint32_t ze_bitrev32(uint32_t v)
{
	v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
	v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
	v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
	v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
	return (v >> 16) | (v << 16);
}
