package io.uacce.request;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one device request, from its submit to its completion (or its failure without one).
 * Made only while a recording has it enabled ({@link RequestEvents}).
 */
@Name("io.uacce.DeviceRequest")
@Label("Device Request")
@Category({"uacce", "Request Layer"})
@Description("One request on a uacce hardware queue, from submit to completion")
@StackTrace(false)
final class DeviceRequestEvent extends jdk.jfr.Event {
    @Label("Device")
    String device;

    @Label("Queue")
    String queue;

    @Label("Bytes In")
    @DataAmount
    long bytesIn;

    @Label("Bytes Out")
    @DataAmount
    long bytesOut;

    @Label("Status")
    @Description("The engine's device status (-1: no completion)")
    int status;

    @Label("Success")
    boolean success;

    @Label("Failure")
    @Description("Why the request got no completion (exception class and message), else null")
    String failure;

    @Label("Asynchronous")
    boolean async;
}
