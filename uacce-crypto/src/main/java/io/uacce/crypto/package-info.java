/**
 * The {@code UACCE} JCA/JCE provider: symmetric crypto on HiSilicon SEC engines and public-key
 * crypto on HPRE engines through uacce, with the JDK's results in software where no device can
 * serve a request.
 */
package io.uacce.crypto;
