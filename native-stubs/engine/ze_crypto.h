/* SPDX-License-Identifier: GPL-2.0 OR Apache-2.0 */
/*
 * ze_crypto.h - the symmetric primitives the SEC engine (ze_sec.c) takes
 * from its host, one call per request over whole linear buffers:
 *   user space: OpenSSL libcrypto EVP (engine/user/ze_crypto_ossl.c),
 *   kernel:     the crypto API, synchronous tfms (kmod/ze_crypto_kapi.c).
 * The engine parses the BD, checks it and reads/writes the opener's
 * buffers; these functions only compute. in == out is allowed.
 */
#ifndef ZE_CRYPTO_H
#define ZE_CRYPTO_H

#include "ze_platform.h"

/* Return values besides 0 / a length. */
#define ZC_ERR          (-1)   /* the primitive failed */
#define ZC_UNSUPPORTED  (-2)   /* the platform does not have this algorithm */
#define ZC_BAD_TAG      1      /* AEAD decryption: tag mismatch (output unspecified) */

enum zc_md {
	ZC_MD_SHA1, ZC_MD_SHA224, ZC_MD_SHA256, ZC_MD_SHA384, ZC_MD_SHA512,
	ZC_MD_SHA512_224, ZC_MD_SHA512_256, ZC_MD_MD5, ZC_MD_SM3, ZC_MD_COUNT
};

enum zc_alg { ZC_AES, ZC_SM4, ZC_3DES };
enum zc_mode { ZC_ECB, ZC_CBC, ZC_CFB, ZC_OFB, ZC_CTR, ZC_XTS, ZC_GCM, ZC_CCM };

#define ZC_MAX_DIGEST 64

/* Hash (key == NULL) or HMAC of data; writes the full digest to out
 * (ZC_MAX_DIGEST bytes of room) and returns its length, or ZC_*. */
int zc_digest(enum zc_md md, const uint8_t *key, uint32_t klen,
	      const uint8_t *data, size_t len, uint8_t *out);

/* Block cipher in one mode (not GCM/CCM) over len bytes; iv NULL for ECB.
 * XTS: key = key1 || key2 (klen = both), iv = the 16-byte tweak. */
int zc_cipher(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	      const uint8_t *iv, int encrypt, const uint8_t *in, uint8_t *out, size_t len);

/* GCM (iv = 12 bytes) or CCM (iv = nonce, 7..13 bytes); tag of taglen
 * bytes written (encrypt) or checked (decrypt: ZC_BAD_TAG on mismatch). */
int zc_aead(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	    const uint8_t *iv, uint32_t ivlen, const uint8_t *aad, uint32_t aadlen,
	    int encrypt, const uint8_t *in, uint8_t *out, size_t len,
	    uint8_t *tag, uint32_t taglen);

#endif /* ZE_CRYPTO_H */
