/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_sm.h - portable SM3 / HMAC-SM3 and SM4 (ECB, CBC, CTR) for platforms
 * without them (ze_sm.c).
 */
#ifndef ZE_SM_H
#define ZE_SM_H

#include "ze_platform.h"

#define ZE_SM4_ECB 0
#define ZE_SM4_CBC 1
#define ZE_SM4_CTR 4

/* SM3 (key NULL) or HMAC-SM3 of data into out; returns 32. */
int ze_sm3(const uint8_t *key, uint32_t klen, const uint8_t *data, size_t len, uint8_t out[32]);
/* SM4 in mode over len bytes (ECB/CBC: multiple of 16); 0, -1 bad length, -2 mode. */
int ze_sm4(int mode, const uint8_t key[16], const uint8_t *iv, int encrypt,
	   const uint8_t *in, uint8_t *out, size_t len);

#endif /* ZE_SM_H */
