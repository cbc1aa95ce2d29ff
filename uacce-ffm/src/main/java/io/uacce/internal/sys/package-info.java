/** Raw FFM bindings to libc. Not exported: nothing here is API. */
package io.uacce.internal.sys;
