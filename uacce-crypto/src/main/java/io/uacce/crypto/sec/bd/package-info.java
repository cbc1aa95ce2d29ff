/**
 * The SEC request codec (spec §2): {@link io.uacce.crypto.sec.bd.SecRequest} (what one BD asks),
 * {@link io.uacce.crypto.sec.bd.SecBd} (writes it as BD2 or BD3, reads the completion into a
 * {@link io.uacce.crypto.sec.bd.SecResult}), and the field encodings of §2.3/§2.4
 * ({@link io.uacce.crypto.sec.bd.SecCodes}). Not exported.
 */
package io.uacce.crypto.sec.bd;
