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

/* One block encryption under the key schedule k. */
typedef void (*ze_block_fn)(const void *k, const uint8_t in[16], uint8_t out[16]);
/* GCM (SP 800-38D, 12-byte IV) and CCM (SP 800-38C, nonce 7..13 bytes) over block cipher e:
 * 0, 1 tag mismatch (decrypt), -1 bad parameters; in == out allowed. */
int ze_gcm(ze_block_fn e, const void *k, const uint8_t *iv, const uint8_t *aad, uint32_t aadlen, int enc,
	   const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag, uint32_t taglen);
int ze_ccm(ze_block_fn e, const void *k, const uint8_t *nonce, uint32_t nlen, const uint8_t *aad,
	   uint32_t aadlen, int enc, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
	   uint32_t taglen);
/* SM4-GCM (ccm 0, iv 12 bytes) or SM4-CCM (ccm 1, iv = nonce 7..13 bytes): tag written
 * (encrypt) or checked (decrypt); 0, 1 tag mismatch, -1 bad parameters. in == out allowed. */
int ze_sm4_aead(int ccm, const uint8_t key[16], const uint8_t *iv, uint32_t ivlen, const uint8_t *aad,
		uint32_t aadlen, int encrypt, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
		uint32_t taglen);

#endif /* ZE_SM_H */
