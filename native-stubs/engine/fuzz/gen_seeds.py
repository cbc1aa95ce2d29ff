#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
"""Writes the seed corpus of ze_fuzz (fuzz/corpus): well-formed request sequences (block and
stream, compress and decompress, zlib/gzip/raw, V1-V3) in the input format ze_fuzz.c describes,
so the fuzzer starts from the engine's real paths. Rerun after changing that format."""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
ZLIB, GZIP, RAW = 2, 3, 1
STREAM, NEW, FINISH = 1 << 26, 1 << 27, 1 << 25


def cfg(api, direction, depth):
    return bytes([(api - 1) | (direction << 2), (depth - 2) % 15 + 16])


def sqe(alg, in_len, out_len, src, dst, flags=0, sqe_type=0, ctx=0, isize=0, ck=0, carry=False):
    w = [0] * 32
    w[4] = in_len
    w[7] = flags | (sqe_type << 28)
    w[9] = alg
    w[14] = out_len
    w[18] = src
    w[20] = dst
    w[22] = ctx
    w[30] = isize
    w[31] = ck
    return bytes([0x40 if carry else 0]) + struct.pack("<32I", *w)


def put(at, data):
    out = b""
    for i in range(0, len(data), 255 * 16):
        chunk = data[i:i + 255 * 16]
        n = (len(chunk) + 15) // 16
        out += bytes([4]) + struct.pack("<I", at + i) + bytes([n]) + chunk.ljust(n * 16, b"\0")
    return out


RING_SQ, SERVICE, REAP = bytes([1]), bytes([3, 1]), bytes([5])
TEXT = b"the quick brown fox jumps over the lazy dog. " * 40


def raw_deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def sec_cfg(api, depth):
    return bytes([(api - 1) | 0x40, (depth - 2) % 15 + 16])


def sec_bd(api, auth=0, a_alg=0, a_len=0, src=0, mac=0, ai_gen=0, a_pad=0, a_iv=0, bits=0, mac_w=0,
           cipher=0, c_alg=0, c_mode=0, c_len=0, c_key=0, c_iv=0, dst=0, de=0):
    """A SEC BD by the spec's byte offsets (hisi-sec-hpre-uacce.md section 2.1 BD2, 2.2 BD3)."""
    b = bytearray(128)
    if api < 3:
        b[0] = 2 | cipher << 4 | auth << 6
        b[1] = de << 1 | 1 << 3
        b[5] = ai_gen | a_pad << 2
        struct.pack_into("<I", b, 8, mac_w | a_alg << 11)
        struct.pack_into("<H", b, 12, c_mode << 12)
        b[14] = c_alg
        struct.pack_into("<II", b, 16, a_len, c_len)
        struct.pack_into("<QQQQQQQQ", b, 48, bits, a_iv, 0, mac, c_iv, c_key, src, dst)
    else:
        scene = 7 if auth and not cipher else 1
        struct.pack_into("<I", b, 0, 3 | scene << 5 | de << 9)
        struct.pack_into("<H", b, 4, cipher)
        b[6] = c_mode | c_alg << 4
        struct.pack_into("<QQQ", b, 16, src, 0, a_iv)
        struct.pack_into("<Q", b, 48, c_key)
        struct.pack_into("<I", b, 56, auth | ai_gen << 2 | mac_w << 4 | a_alg << 15)
        struct.pack_into("<II", b, 68, a_len, c_len)
        struct.pack_into("<QQQQ", b, 76, dst, mac, c_iv, bits)
        b[108] = a_pad
    return bytes(b)


def sec_seeds(seeds):
    """SEC queues: long-hash chains (first, middle, end BD; the state in the MAC buffer), run
    directly (opcode 6) and through the ring, a single-block digest and an AES-CBC request."""
    msg = b"a" * 1000
    mac = 0x10000
    for api in (2, 3):
        for name, a_alg, block in (("sha256", 0x01, 64), ("sha512", 0x05, 128), ("md5", 0x02, 64),
                                   ("sha1", 0x00, 64)):
            first, middle = 4 * block, 2 * block
            end = len(msg) - first - middle
            bds = [sec_bd(api, 1, a_alg, first, 0, mac, 0, 1),
                   sec_bd(api, 1, a_alg, middle, first, mac, 1, 1, mac),
                   sec_bd(api, 1, a_alg, end, first + middle, mac, 1, 0, mac, 8 * len(msg))]
            seeds[f"v{api}-sec-longhash-{name}"] = sec_cfg(api, 4) + put(0, msg) + b"".join(
                bytes([6]) + bd for bd in bds)
        ring = b"".join(bytes([0]) + bd + RING_SQ + SERVICE for bd in (
            sec_bd(api, 1, 0x01, 512, 0, mac, 0, 1),
            sec_bd(api, 1, 0x01, len(msg) - 512, 512, mac, 1, 0, mac, 8 * len(msg))))
        seeds[f"v{api}-sec-longhash-ring"] = sec_cfg(api, 4) + put(0, msg) + ring + REAP
        seeds[f"v{api}-sec-digest-sha256"] = (sec_cfg(api, 4) + put(0, msg) + bytes([6])
                                              + sec_bd(api, 1, 0x01, 100, 0, mac))
        seeds[f"v{api}-sec-aes-cbc"] = (sec_cfg(api, 4) + put(0, msg) + bytes([6])
                                        + sec_bd(api, cipher=1, c_alg=2, c_mode=1, c_len=512, src=0, dst=0x20000,
                                                 de=1, c_key=0x800, c_iv=0x900))


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {}
    for api in (1, 2, 3):
        t = 3 if api == 3 else 0
        for alg in (ZLIB, GZIP) + ((RAW,) if api == 3 else ()):
            name = {ZLIB: "zlib", GZIP: "gzip", RAW: "raw"}[alg]
            seeds[f"v{api}-block-compress-{name}"] = (cfg(api, 0, 4) + put(0, TEXT)
                + sqe(alg, len(TEXT), 8192, 0, 0x10000, sqe_type=t) + RING_SQ + SERVICE + REAP)
            body = raw_deflate(TEXT)
            if alg == ZLIB:
                body += struct.pack(">I", zlib.adler32(TEXT))
            elif alg == GZIP:
                body += struct.pack("<II", zlib.crc32(TEXT), len(TEXT))
            seeds[f"v{api}-block-decompress-{name}"] = (cfg(api, 1, 4) + put(0, body)
                + sqe(alg, len(body), 8192, 0, 0x10000, sqe_type=t) + RING_SQ + SERVICE + REAP)
            half = len(body) // 2
            seeds[f"v{api}-stream-decompress-{name}"] = (cfg(api, 1, 8) + put(0, body)
                + sqe(alg, half, 300, 0, 0x10000, STREAM | NEW, t, ctx=0x30000) + RING_SQ + SERVICE
                + sqe(alg, len(body) - half, 8192, half, 0x10000, STREAM, t, ctx=0x30000, carry=True)
                + RING_SQ + SERVICE + REAP)
            seeds[f"v{api}-stream-compress-{name}"] = (cfg(api, 0, 8) + put(0, TEXT)
                + sqe(alg, 1000, 100, 0, 0x10000, STREAM | NEW, t, ctx=0x30000) + RING_SQ + SERVICE
                + sqe(alg, len(TEXT) - 1000, 8192, 1000, 0x10000, STREAM | FINISH, t, ctx=0x30000, carry=True)
                + RING_SQ + SERVICE + REAP + bytes([6]) + sqe(alg, 0, 8192, 0, 0x20000, STREAM | FINISH, t, ctx=0x30000)[1:])
    seeds["v2-cq-full-overflow"] = (cfg(2, 0, 2) + put(0, TEXT)
        + sqe(ZLIB, 10, 4096, 0, 0x10000) + RING_SQ + SERVICE
        + sqe(ZLIB, 10, 4096, 0, 0x10000) + RING_SQ + SERVICE + bytes([3, 255, 3, 255]) + REAP)
    seeds["doorbells"] = cfg(2, 0, 4) + bytes([7]) + struct.pack("<Q", 0x0001000300001001) \
        + bytes([0x17]) + struct.pack("<Q", 0xFFFF0003FFFF1FFF) + bytes([2]) + struct.pack("<Q", 0x0000000300000000) \
        + SERVICE + bytes([8, 9, 3, 0])
    sec_seeds(seeds)
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
