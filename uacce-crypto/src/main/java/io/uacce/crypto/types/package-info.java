/**
 * The types that the provider ({@code io.uacce.crypto}) and the engines below it share: the
 * {@link io.uacce.crypto.types.CryptoMode}, the {@link io.uacce.crypto.types.CryptoSettings} and the
 * typed device error. A leaf: it imports no other package of this module (issue 8, rule 9).
 */
package io.uacce.crypto.types;
