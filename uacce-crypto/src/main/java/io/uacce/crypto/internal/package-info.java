/**
 * Provider plumbing shared by the engines: how each engine contributes its JCA services
 * ({@link io.uacce.crypto.internal.EngineServices}, listed once in
 * {@code io.uacce.crypto.Engines}, above this package), the registry they write into, and the context
 * (settings, mode) their SPI classes see. Not exported.
 */
package io.uacce.crypto.internal;
