/**
 * The hisi_zip SQE codec (spec §4): the 128-byte request/result layout for SQE type 0 (QM V2,
 * Kunpeng 920, tag in dw13) and type 3 (QM V3+, tag in dw26), request types, status codes,
 * stream context carried between requests, and the zlib/gzip headers the library writes and
 * parses. Pure Java over a {@code MemorySegment}; no device access here. Not exported.
 */
package io.uacce.compress.zip;
