/**
 * The CUSE mock daemon ({@code native-stubs/cuse}) as a Testcontainers container. Optional:
 * needs Testcontainers on the class or module path, a Docker host with {@code /dev/cuse}, and
 * this JVM on that host.
 */
package io.uacce.stubs.cuse;
