// SPDX-License-Identifier: GPL-2.0
/*
 * hzs_crypto.c - the SEC engine's primitives (engine/ze_crypto.h) from the
 * kernel crypto API: shash for digests/HMAC, skcipher and aead tfms
 * allocated per request, synchronous implementations only (mask
 * CRYPTO_ALG_ASYNC), run from the queue's engine thread (process context,
 * may sleep). Algorithms load on demand (crypto_alloc_* -> request_module);
 * what this kernel lacks (SHA-512/t in 6.1, cfb/ofb after 2023...) makes the
 * primitive answer ZC_UNSUPPORTED, i.e. an error completion - except SM3,
 * HMAC-SM3 and SM4 ECB/CBC/CTR/GCM/CCM, which fall back to the engine's portable
 * ze_sm.c (Debian's 6.1 amd64 kernel has no SM3/SM4; silicon always has).
 * Buffers from the engine may be vmalloc memory: scatterlists are built
 * page by page.
 */
#include <linux/crypto.h>
#include <linux/scatterlist.h>
#include <linux/vmalloc.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <crypto/aead.h>
#include <crypto/sha2.h>
#include "ze_crypto.h"
#include "ze_sm.h"

static int zk_err(long e)
{
	return e == -ENOENT ? ZC_UNSUPPORTED : ZC_ERR;
}

/* FIPS 180-4 §5.3.6: initial hash values of SHA-512/224 and SHA-512/256. */
static const u64 zk_sha512_224_iv[8] = {
	0x8C3D37C819544DA2ULL, 0x73E1996689DCD4D6ULL, 0x1DFAB7AE32FF9C82ULL, 0x679DD514582F9FCFULL,
	0x0F6D2B697BD44DA8ULL, 0x77E36F7304C48942ULL, 0x3F9D85A86A1D36C8ULL, 0x1112E6AD91D692A1ULL,
};
static const u64 zk_sha512_256_iv[8] = {
	0x22312194FC2BF72CULL, 0x9F555FA3C84C64C2ULL, 0x2393B86B6F53B151ULL, 0x963877195940EABDULL,
	0x96283EE2A88EFFE3ULL, 0xBE5E1E2553863992ULL, 0x2B0199FC2C85B8AAULL, 0x0EB72DDC81C52CA2ULL,
};

static const char *const zk_md_names[ZC_MD_COUNT] = {
	[ZC_MD_SHA1] = "sha1", [ZC_MD_SHA224] = "sha224", [ZC_MD_SHA256] = "sha256",
	[ZC_MD_SHA384] = "sha384", [ZC_MD_SHA512] = "sha512",
	[ZC_MD_SHA512_224] = "sha512", [ZC_MD_SHA512_256] = "sha512",
	[ZC_MD_MD5] = "md5", [ZC_MD_SM3] = "sm3",
};

int zc_digest(enum zc_md md, const uint8_t *key, uint32_t klen,
	      const uint8_t *data, size_t len, uint8_t *out)
{
	int t = md == ZC_MD_SHA512_224 ? 28 : md == ZC_MD_SHA512_256 ? 32 : 0;
	struct crypto_shash *tfm;
	char name[32];
	int ret, n;

	if (md < 0 || md >= ZC_MD_COUNT)
		return ZC_UNSUPPORTED;
	/* SHA-512/t is SHA-512 with other initial values; 6.1 has no
	 * "sha512_224": plain hashes only, via export/import of the state. */
	if (t && key)
		return ZC_UNSUPPORTED;
	if (key)
		snprintf(name, sizeof(name), "hmac(%s)", zk_md_names[md]);
	else
		snprintf(name, sizeof(name), "%s", zk_md_names[md]);
	tfm = crypto_alloc_shash(name, 0, 0);
	if (IS_ERR(tfm) && PTR_ERR(tfm) == -ENOENT && md == ZC_MD_SM3)
		return ze_sm3(key, klen, data, len, out);
	if (IS_ERR(tfm))
		return zk_err(PTR_ERR(tfm));
	n = crypto_shash_digestsize(tfm);
	ret = key ? crypto_shash_setkey(tfm, key, klen) : 0;
	if (!ret) {
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		if (t) {
			struct sha512_state st;
			u8 full[SHA512_DIGEST_SIZE];

			ret = crypto_shash_init(desc);
			if (!ret && crypto_shash_statesize(tfm) == sizeof(st))
				ret = crypto_shash_export(desc, &st);
			else if (!ret)
				ret = -ENOENT;
			if (!ret) {
				memcpy(st.state, t == 28 ? zk_sha512_224_iv : zk_sha512_256_iv,
				       sizeof(st.state));
				ret = crypto_shash_import(desc, &st);
			}
			if (!ret)
				ret = crypto_shash_finup(desc, data, len, full);
			if (!ret)
				memcpy(out, full, t);
			n = t;
			memzero_explicit(full, sizeof(full));
		} else {
			ret = crypto_shash_digest(desc, data, len, out);
		}
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);
	return ret ? zk_err(ret) : n;
}

/* One scatterlist over a linear buffer that may be vmalloc memory. */
static int zk_sg(struct sg_table *t, uint8_t *buf, size_t len)
{
	unsigned int n = len ? DIV_ROUND_UP(offset_in_page(buf) + len, PAGE_SIZE) : 1, i;
	struct scatterlist *sg;
	size_t rem = len;
	int ret;

	ret = sg_alloc_table(t, n, GFP_KERNEL);
	if (ret)
		return ret;
	for_each_sg(t->sgl, sg, n, i) {
		size_t off = offset_in_page(buf), l = min_t(size_t, PAGE_SIZE - off, rem);
		struct page *pg = is_vmalloc_addr(buf) ? vmalloc_to_page(buf) : virt_to_page(buf);

		sg_set_page(sg, pg, (unsigned int)l, (unsigned int)off);
		buf += l;
		rem -= l;
	}
	return 0;
}

static const char *zk_alg(enum zc_alg alg)
{
	return alg == ZC_AES ? "aes" : alg == ZC_SM4 ? "sm4" : "des3_ede";
}

int zc_cipher(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	      const uint8_t *iv, int encrypt, const uint8_t *in, uint8_t *out, size_t len)
{
	static const char *const modes[] = { "ecb", "cbc", "cfb", "ofb", "ctr", "xts" };
	struct crypto_skcipher *tfm;
	struct skcipher_request *req = NULL;
	struct sg_table t = { 0 };
	DECLARE_CRYPTO_WAIT(wait);
	u8 ivb[16] = { 0 };
	char name[32];
	int ret;

	if (mode > ZC_XTS)
		return ZC_UNSUPPORTED;
	snprintf(name, sizeof(name), "%s(%s)", modes[mode], zk_alg(alg));
	tfm = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm) && PTR_ERR(tfm) == -ENOENT && alg == ZC_SM4 && klen == 16 &&
	    (mode == ZC_ECB || mode == ZC_CBC || mode == ZC_CTR))
		return ze_sm4((int)mode, key, iv, encrypt, in, out, len) ? ZC_ERR : 0;
	if (IS_ERR(tfm))
		return zk_err(PTR_ERR(tfm));
	ret = crypto_skcipher_setkey(tfm, key, klen);
	if (ret)
		goto out;
	if (in != out)
		memcpy(out, in, len);
	ret = zk_sg(&t, out, len);
	if (ret)
		goto out;
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		ret = -ENOMEM;
		goto out;
	}
	if (iv)
		memcpy(ivb, iv, min_t(unsigned int, sizeof(ivb), crypto_skcipher_ivsize(tfm)));
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done, &wait);
	skcipher_request_set_crypt(req, t.sgl, t.sgl, (unsigned int)len, ivb);
	ret = crypto_wait_req(encrypt ? crypto_skcipher_encrypt(req) : crypto_skcipher_decrypt(req),
			      &wait);
out:
	skcipher_request_free(req);
	sg_free_table(&t);
	crypto_free_skcipher(tfm);
	return ret ? zk_err(ret) : 0;
}

int zc_aead(enum zc_alg alg, enum zc_mode mode, const uint8_t *key, uint32_t klen,
	    const uint8_t *iv, uint32_t ivlen, const uint8_t *aad, uint32_t aadlen,
	    int encrypt, const uint8_t *in, uint8_t *out, size_t len,
	    uint8_t *tag, uint32_t taglen)
{
	struct crypto_aead *tfm;
	struct aead_request *req = NULL;
	struct sg_table t = { 0 };
	DECLARE_CRYPTO_WAIT(wait);
	size_t total = (size_t)aadlen + len + taglen;
	u8 ivb[16] = { 0 }, *buf = NULL;
	char name[32];
	int ret, bad = 0;

	if (mode != ZC_GCM && mode != ZC_CCM)
		return ZC_UNSUPPORTED;
	if (mode == ZC_GCM && ivlen != 12)
		return ZC_UNSUPPORTED;
	if (mode == ZC_CCM && (ivlen < 7 || ivlen > 13))
		return ZC_ERR;
	snprintf(name, sizeof(name), "%s(%s)", mode == ZC_GCM ? "gcm" : "ccm", zk_alg(alg));
	tfm = crypto_alloc_aead(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm) && PTR_ERR(tfm) == -ENOENT && alg == ZC_SM4 && klen == 16) {
		ret = ze_sm4_aead(mode == ZC_CCM, key, iv, ivlen, aad, aadlen, encrypt, in, out, len, tag, taglen);
		return ret == 1 ? ZC_BAD_TAG : ret ? ZC_ERR : 0;
	}
	if (IS_ERR(tfm))
		return zk_err(PTR_ERR(tfm));
	ret = crypto_aead_setkey(tfm, key, klen);
	if (!ret)
		ret = crypto_aead_setauthsize(tfm, taglen);
	if (ret)
		goto out;
	ret = -ENOMEM;
	buf = kvmalloc(total, GFP_KERNEL);
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req)
		goto out;
	if (aadlen)
		memcpy(buf, aad, aadlen);
	if (len)
		memcpy(buf + aadlen, in, len);
	if (!encrypt)
		memcpy(buf + aadlen + len, tag, taglen);
	ret = zk_sg(&t, buf, total);
	if (ret)
		goto out;
	if (mode == ZC_GCM) {
		memcpy(ivb, iv, 12);
	} else {
		ivb[0] = (u8)(14 - ivlen);   /* L - 1, the crypto API's CCM IV form */
		memcpy(ivb + 1, iv, ivlen);
	}
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done, &wait);
	aead_request_set_ad(req, aadlen);
	aead_request_set_crypt(req, t.sgl, t.sgl, (unsigned int)(encrypt ? len : len + taglen), ivb);
	ret = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req), &wait);
	if (ret == -EBADMSG) {
		bad = 1;            /* no plaintext leaves the engine */
		ret = 0;
	} else if (!ret) {
		if (len)
			memcpy(out, buf + aadlen, len);
		if (encrypt)
			memcpy(tag, buf + aadlen + len, taglen);
	}
out:
	aead_request_free(req);
	sg_free_table(&t);
	kvfree(buf);
	crypto_free_aead(tfm);
	return ret ? zk_err(ret) : bad ? ZC_BAD_TAG : 0;
}
