/** The {@code uacce-cli} command line: compress, decompress, devices, bench, demo. Not exported. */
package io.uacce.compress.cli;
