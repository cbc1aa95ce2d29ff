// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_crypto_ossl.c (user space) - the SEC engine's primitives from OpenSSL
 * libcrypto (EVP, OpenSSL 1.1 or 3.x). SM3/SM4 come from the default
 * provider when the library was built with them (Debian's is); OpenSSL
 * 3.0 has no SM4-GCM/CCM: those come from the engine's portable ze_sm.c.
 * ZC_UNSUPPORTED for what neither has (SM4-XTS).
 */
#include "ze_crypto.h"
#include "ze_sm.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>

static const EVP_MD *zc_ossl_md(enum zc_md md)
{
	switch (md) {
	case ZC_MD_SHA1: return EVP_sha1();
	case ZC_MD_SHA224: return EVP_sha224();
	case ZC_MD_SHA256: return EVP_sha256();
	case ZC_MD_SHA384: return EVP_sha384();
	case ZC_MD_SHA512: return EVP_sha512();
	case ZC_MD_SHA512_224: return EVP_sha512_224();
	case ZC_MD_SHA512_256: return EVP_sha512_256();
	case ZC_MD_MD5: return EVP_md5();
	case ZC_MD_SM3: return EVP_get_digestbyname("SM3");
	default: return NULL;
	}
}

int zc_digest(enum zc_md md, const uint8_t *key, uint32_t klen,
	      const uint8_t *data, size_t len, uint8_t *out)
{
	const EVP_MD *m = zc_ossl_md(md);
	static const uint8_t empty[1];
	unsigned int n = 0;

	if (!m)
		return ZC_UNSUPPORTED;
	if (!data)
		data = empty;
	if (key) {
		if (!HMAC(m, key, (int)klen, data, len, out, &n))
			return ZC_ERR;
	} else if (!EVP_Digest(data, len, out, &n, m, NULL)) {
		return ZC_ERR;
	}
	return (int)n;
}

static const EVP_CIPHER *zc_ossl_cipher(enum zc_alg alg, enum zc_mode mode, uint32_t klen)
{
	const char *a = alg == ZC_AES ? "AES" : alg == ZC_SM4 ? "SM4" : NULL;
	static const char *const modes[] = { "ECB", "CBC", "CFB", "OFB", "CTR", "XTS", "GCM", "CCM" };
	char name[32];
	uint32_t bits = mode == ZC_XTS ? klen * 4 : klen * 8;

	if (alg == ZC_3DES) {
		if (klen != 24)
			return NULL;
		return mode == ZC_ECB ? EVP_des_ede3_ecb() : mode == ZC_CBC ? EVP_des_ede3_cbc() : NULL;
	}
	if (!a || mode > ZC_CCM)
		return NULL;
	if (alg == ZC_AES)
		snprintf(name, sizeof(name), "%s-%u-%s", a, bits, modes[mode]);
	else
		snprintf(name, sizeof(name), "%s-%s", a, modes[mode]);
	if (alg == ZC_SM4 && klen != (mode == ZC_XTS ? 32u : 16u))
		return NULL;
	return EVP_get_cipherbyname(name);
}

int zc_cipher(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	      const uint8_t *iv, int encrypt, const uint8_t *in, uint8_t *out, size_t len)
{
	const EVP_CIPHER *c = zc_ossl_cipher(alg, mode, klen);
	EVP_CIPHER_CTX *ctx;
	int n = 0, f = 0, ok;

	if (!c)
		return ZC_UNSUPPORTED;
	if (len > 0x7FFFFFFF)
		return ZC_ERR;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return ZC_ERR;
	ok = EVP_CipherInit_ex(ctx, c, NULL, key, iv, encrypt) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, out, &n, in, (int)len) &&
	     EVP_CipherFinal_ex(ctx, out + n, &f) && (size_t)(n + f) == len;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : ZC_ERR;
}

int zc_aead(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	    const uint8_t *iv, uint32_t ivlen, const uint8_t *aad, uint32_t aadlen,
	    int encrypt, const uint8_t *in, uint8_t *out, size_t len,
	    uint8_t *tag, uint32_t taglen)
{
	const EVP_CIPHER *c = zc_ossl_cipher(alg, mode, klen);
	int ccm = mode == ZC_CCM, n = 0, f = 0, ok, r = ZC_ERR;
	EVP_CIPHER_CTX *ctx;

	if (mode != ZC_GCM && mode != ZC_CCM)
		return ZC_UNSUPPORTED;
	if (!c && alg == ZC_SM4 && klen == 16) {
		r = ze_sm4_aead(ccm, key, iv, ivlen, aad, aadlen, encrypt, in, out, len, tag, taglen);
		return r == 1 ? ZC_BAD_TAG : r ? ZC_ERR : 0;
	}
	if (!c)
		return ZC_UNSUPPORTED;
	if (len > 0x7FFFFFFF)
		return ZC_ERR;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return ZC_ERR;
	ok = EVP_CipherInit_ex(ctx, c, NULL, NULL, NULL, encrypt) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)ivlen, NULL);
	/* CCM: tag length (and, decrypting, the expected tag) before the key. */
	if (ok && ccm)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)taglen, encrypt ? NULL : tag);
	ok = ok && EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, encrypt);
	if (ok && ccm)   /* CCM needs the text length first */
		ok = EVP_CipherUpdate(ctx, NULL, &n, NULL, (int)len);
	if (ok && aadlen)
		ok = EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadlen);
	if (ok && !ccm && !encrypt)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)taglen, tag);
	if (!ok)
		goto out;
	n = 0;
	if (ccm) {
		/* CCM decryption verifies in the update; it refuses a NULL/0 update for empty text. */
		uint8_t dummy[1];

		ok = EVP_CipherUpdate(ctx, len ? out : dummy, &n, len ? in : dummy, (int)len);
		if (!ok && !encrypt) {
			r = ZC_BAD_TAG;
			goto out;
		}
	} else if (len) {
		ok = EVP_CipherUpdate(ctx, out, &n, in, (int)len);
	}
	if (!ok)
		goto out;
	if (!ccm) {
		uint8_t fin[16];

		ok = EVP_CipherFinal_ex(ctx, out ? out + n : fin, &f);
		if (!ok && !encrypt) {
			r = ZC_BAD_TAG;
			goto out;
		}
		if (!ok)
			goto out;
	}
	if (encrypt && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)taglen, tag))
		goto out;
	r = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return r;
}
