/**
 * Software implementations: thin delegates to the JDK's providers where the JDK has the algorithm
 * (so results and exceptions are the JDK's), and small pure-Java implementations for what it
 * lacks (SM3, SM4, CMAC, GMAC, XTS, CCM, GCM over SM4). Not exported.
 */
package io.uacce.crypto.soft;
