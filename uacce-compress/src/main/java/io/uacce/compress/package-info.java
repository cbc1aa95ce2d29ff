/** Compression on HiSilicon ZIP engines through uacce, with a transparent software fallback. */
package io.uacce.compress;
