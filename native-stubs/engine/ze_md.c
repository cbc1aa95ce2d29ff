// SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
/*
 * ze_md.c - MD5 (RFC 1321 §3), SHA-1, SHA-224/256, SHA-384/512 and
 * SHA-512/224, SHA-512/256 (FIPS 180-4 §4-§6) written from the standards,
 * with the chaining value exposed (ze_md.h). The round constants were derived
 * from their definitions (cube/square roots of the first primes, FIPS 180-4
 * §4.2/§5.3; MD5's T[i] = floor(2^32 |sin i|), RFC 1321 §3.4); the SHA-512/t
 * initial values are generated at init as FIPS 180-4 §5.3.6.1 says.
 * Message schedules are kept as rolling 16-word windows.
 */
#include "ze_md.h"

enum { ZE_MDF_MD5, ZE_MDF_SHA1, ZE_MDF_SHA256, ZE_MDF_SHA512 };

static const uint32_t ze_k256[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static const uint64_t ze_k512[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
	0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
	0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
	0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
	0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
	0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
	0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
	0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
	0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
	0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
	0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
	0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
	0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
	0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const uint32_t ze_h256[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};
static const uint32_t ze_h224[8] = {
	0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u, 0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u,
};
static const uint64_t ze_h512[8] = {
	0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
	0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
static const uint64_t ze_h384[8] = {
	0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
	0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};
static const uint32_t ze_h1[5] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u };

static const uint32_t ze_md5_t[64] = {
	0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu, 0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
	0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu, 0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
	0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau, 0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
	0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu, 0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
	0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu, 0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
	0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u, 0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
	0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u, 0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
	0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u, 0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};
/* RFC 1321 §3.4: left-rotation amounts, four per round. */
static const uint8_t ze_md5_s[16] = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

static uint32_t md_rol32(uint32_t x, unsigned int n) { return x << n | x >> (32 - n); }
static uint32_t md_ror32(uint32_t x, unsigned int n) { return x >> n | x << (32 - n); }
static uint64_t md_ror64(uint64_t x, unsigned int n) { return x >> n | x << (64 - n); }

static uint32_t md_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t md_le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static uint64_t md_be64(const uint8_t *p) { return (uint64_t)md_be32(p) << 32 | md_be32(p + 4); }
static void md_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}
static void md_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}
static void md_put_be64(uint8_t *p, uint64_t v)
{
	md_put_be32(p, (uint32_t)(v >> 32));
	md_put_be32(p + 4, (uint32_t)v);
}

/* RFC 1321 §3.4: four rounds of 16 steps over the block's little-endian words. */
static void ze_md5_block(uint32_t *h, const uint8_t *p)
{
	uint32_t x[16], a = h[0], b = h[1], c = h[2], d = h[3], f, t;
	unsigned int i, g;

	for (i = 0; i < 16; i++)
		x[i] = md_le32(p + 4 * i);
	for (i = 0; i < 64; i++) {
		switch (i / 16) {
		case 0: f = (b & c) | (~b & d); g = i; break;
		case 1: f = (b & d) | (c & ~d); g = (5 * i + 1) % 16; break;
		case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
		default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
		}
		t = d;
		d = c;
		c = b;
		b = b + md_rol32(a + f + ze_md5_t[i] + x[g], ze_md5_s[(i / 16) * 4 + i % 4]);
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
}

/* FIPS 180-4 §6.1.2. */
static void ze_sha1_block(uint32_t *h, const uint8_t *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f, k, t;
	unsigned int i;

	for (i = 0; i < 80; i++) {
		if (i < 16)
			w[i] = md_be32(p + 4 * i);
		else
			w[i & 15] = md_rol32(w[(i - 3) & 15] ^ w[(i - 8) & 15] ^ w[(i - 14) & 15] ^ w[i & 15], 1);
		if (i < 20) {
			f = (b & c) ^ (~b & d);
			k = 0x5a827999u;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1u;
		} else if (i < 60) {
			f = (b & c) ^ (b & d) ^ (c & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6u;
		}
		t = md_rol32(a, 5) + f + e + k + w[i & 15];
		e = d;
		d = c;
		c = md_rol32(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

/* FIPS 180-4 §6.2.2 (SHA-224 too). */
static void ze_sha256_block(uint32_t *h, const uint8_t *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7], t1, t2;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		if (i < 16) {
			w[i] = md_be32(p + 4 * i);
		} else {
			uint32_t w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];

			w[i & 15] += (md_ror32(w2, 17) ^ md_ror32(w2, 19) ^ (w2 >> 10)) + w[(i - 7) & 15] +
				     (md_ror32(w15, 7) ^ md_ror32(w15, 18) ^ (w15 >> 3));
		}
		t1 = k + (md_ror32(e, 6) ^ md_ror32(e, 11) ^ md_ror32(e, 25)) + ((e & f) ^ (~e & g)) + ze_k256[i] +
		     w[i & 15];
		t2 = (md_ror32(a, 2) ^ md_ror32(a, 13) ^ md_ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

/* FIPS 180-4 §6.4.2 (SHA-384 and SHA-512/t too). */
static void ze_sha512_block(uint64_t *h, const uint8_t *p)
{
	uint64_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7], t1, t2;
	unsigned int i;

	for (i = 0; i < 80; i++) {
		if (i < 16) {
			w[i] = md_be64(p + 8 * i);
		} else {
			uint64_t w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];

			w[i & 15] += (md_ror64(w2, 19) ^ md_ror64(w2, 61) ^ (w2 >> 6)) + w[(i - 7) & 15] +
				     (md_ror64(w15, 1) ^ md_ror64(w15, 8) ^ (w15 >> 7));
		}
		t1 = k + (md_ror64(e, 14) ^ md_ror64(e, 18) ^ md_ror64(e, 41)) + ((e & f) ^ (~e & g)) + ze_k512[i] +
		     w[i & 15];
		t2 = (md_ror64(a, 28) ^ md_ror64(a, 34) ^ md_ror64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

void ze_md_blocks(struct ze_md *m, const uint8_t *p, size_t nblocks)
{
	for (; nblocks; nblocks--, p += m->block) {
		switch (m->family) {
		case ZE_MDF_MD5: ze_md5_block(m->h32, p); break;
		case ZE_MDF_SHA1: ze_sha1_block(m->h32, p); break;
		case ZE_MDF_SHA256: ze_sha256_block(m->h32, p); break;
		default: ze_sha512_block(m->h64, p); break;
		}
	}
}

void ze_md_state_out(const struct ze_md *m, uint8_t *out)
{
	unsigned int i;

	for (i = 0; i < m->state_bytes / (m->family == ZE_MDF_SHA512 ? 8 : 4); i++) {
		if (m->family == ZE_MDF_SHA512)
			md_put_be64(out + 8 * i, m->h64[i]);
		else if (m->family == ZE_MDF_MD5)
			md_put_le32(out + 4 * i, m->h32[i]);
		else
			md_put_be32(out + 4 * i, m->h32[i]);
	}
}

void ze_md_state_in(struct ze_md *m, const uint8_t *in)
{
	unsigned int i;

	for (i = 0; i < m->state_bytes / (m->family == ZE_MDF_SHA512 ? 8 : 4); i++) {
		if (m->family == ZE_MDF_SHA512)
			m->h64[i] = md_be64(in + 8 * i);
		else if (m->family == ZE_MDF_MD5)
			m->h32[i] = md_le32(in + 4 * i);
		else
			m->h32[i] = md_be32(in + 4 * i);
	}
}

void ze_md_final(struct ze_md *m, const uint8_t *p, size_t len, uint64_t total_bits, uint8_t *out)
{
	uint8_t last[2 * ZE_MD_MAX_BLOCK], full[ZE_MD_MAX_STATE];
	size_t whole = len / m->block, rest = len % m->block;
	unsigned int lenbytes = m->block == 128 ? 16 : 8, n, i;

	ze_md_blocks(m, p, whole);
	/* FIPS 180-4 §5.1 / RFC 1321 §3.1-3.2: 0x80, zeros, the length in the last 8 (16) bytes. */
	n = rest + 1 + lenbytes <= m->block ? m->block : 2 * m->block;
	memset(last, 0, sizeof(last));
	memcpy(last, p + whole * m->block, rest);
	last[rest] = 0x80;
	for (i = 0; i < 8; i++) {
		uint8_t b = (uint8_t)(total_bits >> (8 * i));

		if (m->family == ZE_MDF_MD5)
			last[n - 8 + i] = b;
		else
			last[n - 1 - i] = b;
	}
	ze_md_blocks(m, last, n / m->block);
	ze_md_state_out(m, full);
	memcpy(out, full, m->digest_bytes);
	memset(last, 0, sizeof(last));
}

int ze_md_init(struct ze_md *m, enum zc_md md)
{
	static const char *const t_name[2] = { "SHA-512/224", "SHA-512/256" };
	unsigned int i;

	memset(m, 0, sizeof(*m));
	switch (md) {
	case ZC_MD_MD5:
		m->family = ZE_MDF_MD5;
		m->state_bytes = m->digest_bytes = 16;
		memcpy(m->h32, ze_h1, 16);   /* RFC 1321 §3.3: the same four words as SHA-1's first */
		break;
	case ZC_MD_SHA1:
		m->family = ZE_MDF_SHA1;
		m->state_bytes = m->digest_bytes = 20;
		memcpy(m->h32, ze_h1, 20);
		break;
	case ZC_MD_SHA224:
	case ZC_MD_SHA256:
		m->family = ZE_MDF_SHA256;
		m->state_bytes = 32;
		m->digest_bytes = md == ZC_MD_SHA224 ? 28 : 32;
		memcpy(m->h32, md == ZC_MD_SHA224 ? ze_h224 : ze_h256, 32);
		break;
	case ZC_MD_SHA384:
	case ZC_MD_SHA512:
	case ZC_MD_SHA512_224:
	case ZC_MD_SHA512_256:
		m->family = ZE_MDF_SHA512;
		m->state_bytes = 64;
		m->digest_bytes = md == ZC_MD_SHA384 ? 48 : md == ZC_MD_SHA512 ? 64 : md == ZC_MD_SHA512_224 ? 28 : 32;
		memcpy(m->h64, md == ZC_MD_SHA384 ? ze_h384 : ze_h512, 64);
		break;
	default:
		return -1;
	}
	m->block = m->family == ZE_MDF_SHA512 ? 128 : 64;
	if (md == ZC_MD_SHA512_224 || md == ZC_MD_SHA512_256) {
		/* FIPS 180-4 §5.3.6.1: SHA-512 from H(0) xor a5..a5 over the name gives the IV. */
		const char *name = t_name[md == ZC_MD_SHA512_256];
		uint8_t iv[ZE_MD_MAX_STATE];
		unsigned int keep = m->digest_bytes;

		for (i = 0; i < 8; i++)
			m->h64[i] ^= 0xa5a5a5a5a5a5a5a5ULL;
		m->digest_bytes = 64;
		ze_md_final(m, (const uint8_t *)name, strlen(name), 8 * strlen(name), iv);
		ze_md_state_in(m, iv);
		m->digest_bytes = keep;
	}
	return 0;
}
