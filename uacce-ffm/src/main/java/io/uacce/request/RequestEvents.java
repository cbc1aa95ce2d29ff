package io.uacce.request;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * The request layer's JFR events ({@link DeviceRequestEvent}, {@link QueueStateEvent}), cheap when
 * off. The event classes are loaded (which initialises JFR's Java side: hundreds of milliseconds)
 * only once JFR itself runs in this JVM ({@link FlightRecorder#isInitialized()}: a recording was
 * started by {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or the API); that is looked at
 * on cold paths (queue open and state changes, an idle reaper). Until then, and with
 * {@code -Duacce.jfr=false} always, the hot path costs one volatile read of a null reference per
 * request; afterwards one {@link EventType#isEnabled()} call, and an event object per request only
 * while a recording has {@code io.uacce.DeviceRequest} enabled.
 */
final class RequestEvents {
    /** {@code -Duacce.jfr=false}: never load the event classes. */
    static final boolean ALLOWED = !"false".equalsIgnoreCase(System.getProperty("uacce.jfr"));
    private static volatile EventType requestType;
    private static volatile EventType stateType;

    private RequestEvents() {
    }

    /** Cold path: registers the event types once JFR runs. */
    static void poll() {
        if (ALLOWED && stateType == null && FlightRecorder.isInitialized()) {
            register();
        }
    }

    private static synchronized void register() {
        if (stateType == null) {
            requestType = EventType.getEventType(DeviceRequestEvent.class);
            stateType = EventType.getEventType(QueueStateEvent.class);
        }
    }

    /** Hot path: an event begun now, or null when no recording wants it (no allocation then). */
    static <Q> DeviceRequestEvent begin(RequestCodec<Q, ?> codec, Q request, boolean async) {
        EventType t = requestType;
        if (t == null || !t.isEnabled()) {
            return null;
        }
        DeviceRequestEvent e = new DeviceRequestEvent();
        e.begin();
        e.bytesIn = codec.bytesIn(request);
        e.bytesOut = codec.resultBytes(request); // kept on success unless the result tells (ZIP)
        e.async = async;
        return e;
    }

    /** Ends an event of {@link #begin}: completed with {@code status}, or failed with {@code failure}. */
    static <R> void end(DeviceRequestEvent e, String device, String queue, RequestCodec<?, R> codec, R result,
            RuntimeException failure) {
        e.end();
        if (e.shouldCommit()) {
            e.device = device;
            e.queue = queue;
            if (failure == null) {
                e.status = codec.status(result);
                e.success = codec.statusTable().success(e.status);
                long out = codec.bytesOut(result);
                if (out >= 0) {
                    e.bytesOut = out;
                } else if (!e.success) {
                    e.bytesOut = 0; // no result
                }
            } else {
                e.bytesOut = 0;
                e.status = -1;
                e.failure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
            e.commit();
        }
    }

    /** Cold path: one queue state change. */
    static void state(String device, String queue, String state, String reason) {
        poll();
        EventType t = stateType;
        if (t == null || !t.isEnabled()) {
            return;
        }
        QueueStateEvent e = new QueueStateEvent();
        if (e.shouldCommit()) {
            e.device = device;
            e.queue = queue;
            e.state = state;
            e.reason = reason;
            e.commit();
        }
    }
}
