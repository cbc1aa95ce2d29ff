package io.uacce.crypto;

import io.uacce.crypto.hpre.HpreServices;
import io.uacce.crypto.internal.EngineServices;
import io.uacce.crypto.sec.SecServices;
import java.util.List;

/** The one place where every engine's services are listed; the provider registers them in this order. */
final class Engines {
    private Engines() {
    }

    /** Every engine of the provider. Add an engine here (one line) and nowhere else. */
    static final List<EngineServices> ALL = List.of(
            new SecServices(),
            new HpreServices());
}
