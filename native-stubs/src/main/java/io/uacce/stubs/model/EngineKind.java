package io.uacce.stubs.model;

/** What the modelled accelerator does with an SQE. */
public enum EngineKind {
    /** Touches no buffer: status 0, consumed = input length, produced 0. For ring benchmarks. */
    NULL,
    /** Copies the input to the output (status 0x0E if dest_avail_out is smaller). */
    COPY,
    /** The hisi_zip engine: raw deflate / zlib / gzip, stateless and stateful (spec §4). */
    ZIP,
    /** The hisi_sec2 engine: ciphers, digests/MACs, AEAD on BD2 (V2) or BD3 (V3) (SecEngine). */
    SEC
}
