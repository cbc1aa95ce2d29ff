package io.uacce.compress.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A write (or flush) error of the output named {@link #target}: kept apart from read errors. */
final class WriteFailure extends IOException {
    final String target;

    WriteFailure(String target, IOException cause) {
        super(target + ": " + Reasons.of(cause), cause);
        this.target = target;
    }

    /** Wraps {@code out} so that its errors become WriteFailures naming {@code target}. */
    static OutputStream labelled(OutputStream out, String target) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw wrap(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw wrap(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw wrap(e);
                }
            }

            @Override
            public void close() throws IOException {
                flush(); // the owner closes the real stream
            }

            private IOException wrap(IOException e) {
                return e instanceof WriteFailure ? e : new WriteFailure(target, e);
            }
        };
    }
}
