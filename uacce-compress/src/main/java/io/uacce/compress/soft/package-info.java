/**
 * The software engine: java.util.zip's raw deflate ({@code nowrap}) with this library's own
 * zlib/gzip framing, so headers, trailers and checksums follow the same rules as the device
 * path. Not exported.
 */
package io.uacce.compress.soft;
