package io.uacce.request;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event: a state change of a request-layer queue (open, start, stop, death, reset, close). */
@Name("io.uacce.QueueState")
@Label("Queue State")
@Category({"uacce", "Request Layer"})
@Description("A uacce hardware queue opened, started, stopped, died, was stopped by the device, or was freed")
@StackTrace(false)
final class QueueStateEvent extends jdk.jfr.Event {
    @Label("Device")
    String device;

    @Label("Queue")
    String queue;

    @Label("State")
    @Description("open, start, stop, death, reset, close")
    String state;

    @Label("Reason")
    String reason;
}
