/**
 * The types that the public API ({@code io.uacce.compress}) and the codecs below it (the ZIP
 * SQE codec, the device and software engines) share: {@link io.uacce.compress.types.Format} and
 * the typed data errors. A leaf: it imports no other package of this module (issue 8, rule 9).
 */
package io.uacce.compress.types;
