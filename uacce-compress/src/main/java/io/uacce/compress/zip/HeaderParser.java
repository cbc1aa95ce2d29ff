package io.uacce.compress.zip;

import io.uacce.compress.types.Format;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;

/**
 * Parses a zlib or gzip header incrementally (input may arrive a byte at a time). gzip headers
 * are parsed completely (FEXTRA, FNAME, FCOMMENT, FHCRC), unlike UADK, which skips exactly 10
 * bytes: files made by the gzip tool carry FNAME. Raw deflate has no header.
 */
public final class HeaderParser {
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xE0;

    private enum State { FIXED, XLEN, EXTRA, NAME, COMMENT, HCRC, DONE }

    private final Format format;
    private final CRC32 crc = new CRC32();
    private final byte[] fixed = new byte[10];
    private State state;
    private int count;
    private int flags;
    private int remaining;
    private int total;

    public HeaderParser(Format format) {
        this.format = format;
        reset();
    }

    public void reset() {
        state = format == Format.RAW ? State.DONE : State.FIXED;
        count = 0;
        flags = 0;
        remaining = 0;
        total = 0;
        crc.reset();
    }

    /** True when the whole header has been read. */
    public boolean done() {
        return state == State.DONE;
    }

    /** Header bytes read so far. */
    public int length() {
        return total;
    }

    /**
     * Reads header bytes from {@code in[off, off+len)}; returns how many belong to the header.
     *
     * @throws DataFormatException naming the offending byte when this is not a valid header
     */
    public int feed(MemorySegment in, long off, long len) throws DataFormatException {
        int used = 0;
        while (state != State.DONE && used < len) {
            int b = in.get(ValueLayout.JAVA_BYTE, off + used) & 0xFF;
            used++;
            total++;
            accept(b);
        }
        return used;
    }

    private void accept(int b) throws DataFormatException {
        if (state != State.HCRC) {
            crc.update(b);
        }
        switch (state) {
            case FIXED -> {
                fixed[count++] = (byte) b;
                if (format == Format.ZLIB && count == 2) {
                    checkZlib();
                    state = State.DONE;
                } else if (format == Format.GZIP) {
                    checkGzipByte(count - 1, b);
                    if (count == 10) {
                        flags = fixed[3] & 0xFF;
                        count = 0;
                        next(State.XLEN);
                    }
                }
            }
            case XLEN -> {
                remaining |= b << (8 * count);
                if (++count == 2) {
                    count = 0;
                    if (remaining == 0) {
                        next(State.NAME);
                    } else {
                        state = State.EXTRA;
                    }
                }
            }
            case EXTRA -> {
                if (--remaining == 0) {
                    next(State.NAME);
                }
            }
            case NAME -> {
                if (b == 0) {
                    next(State.COMMENT);
                }
            }
            case COMMENT -> {
                if (b == 0) {
                    next(State.HCRC);
                }
            }
            case HCRC -> {
                remaining |= b << (8 * count);
                if (++count == 2) {
                    int expected = (int) (crc.getValue() & 0xFFFF);
                    if (remaining != expected) {
                        throw new DataFormatException(String.format(
                                "gzip header CRC16 mismatch: header says 0x%04X, computed 0x%04X", remaining, expected));
                    }
                    state = State.DONE;
                }
            }
            case DONE -> throw new IllegalStateException();
        }
    }

    /** Moves to {@code s} or, when its flag is absent, to the next state that applies. */
    private void next(State s) {
        State t = s;
        while (true) {
            if (t == State.XLEN && (flags & FEXTRA) == 0) {
                t = State.NAME;
            } else if (t == State.NAME && (flags & FNAME) == 0) {
                t = State.COMMENT;
            } else if (t == State.COMMENT && (flags & FCOMMENT) == 0) {
                t = State.HCRC;
            } else if (t == State.HCRC && (flags & FHCRC) == 0) {
                t = State.DONE;
            } else {
                break;
            }
        }
        state = t;
        count = 0;
        remaining = 0;
    }

    private void checkZlib() throws DataFormatException {
        int cmf = fixed[0] & 0xFF;
        int flg = fixed[1] & 0xFF;
        if ((cmf & 0x0F) != 8 || (cmf >>> 4) > 7) {
            throw new DataFormatException(String.format(
                    "not a zlib stream: header byte 0 is 0x%02X (expected method 8, window <= 32 KiB, e.g. 0x78)", cmf));
        }
        if ((cmf * 256 + flg) % 31 != 0) {
            throw new DataFormatException(String.format(
                    "not a zlib stream: header 0x%02X 0x%02X fails the check (CMF*256+FLG must be a multiple of 31)",
                    cmf, flg));
        }
        if ((flg & 0x20) != 0) {
            throw new DataFormatException("zlib stream needs a preset dictionary (FDICT set): not supported");
        }
    }

    private static void checkGzipByte(int index, int b) throws DataFormatException {
        switch (index) {
            case 0 -> {
                if (b != 0x1F) {
                    throw new DataFormatException(String.format("not a gzip stream: byte 0 is 0x%02X, expected 0x1F", b));
                }
            }
            case 1 -> {
                if (b != 0x8B) {
                    throw new DataFormatException(String.format("not a gzip stream: byte 1 is 0x%02X, expected 0x8B", b));
                }
            }
            case 2 -> {
                if (b != 8) {
                    throw new DataFormatException(String.format(
                            "unsupported gzip compression method %d (only 8, deflate)", b));
                }
            }
            case 3 -> {
                if ((b & FRESERVED) != 0) {
                    throw new DataFormatException(String.format("gzip header flags 0x%02X set reserved bits", b));
                }
            }
            default -> {
            }
        }
    }
}
