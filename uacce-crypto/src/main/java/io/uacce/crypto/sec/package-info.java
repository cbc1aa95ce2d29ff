/**
 * The SEC engine's part of the provider: its service list ({@link io.uacce.crypto.sec.SecServices})
 * and the SPI classes that send a request to a SEC device or keep it in software. Not exported.
 */
package io.uacce.crypto.sec;
