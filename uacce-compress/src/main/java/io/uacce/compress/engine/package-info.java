/**
 * The seam between the public API and the engines that do the work: {@link
 * io.uacce.compress.engine.Engine} (software or device) and its per-stream {@link
 * io.uacce.compress.engine.Session}. Not exported.
 */
package io.uacce.compress.engine;
