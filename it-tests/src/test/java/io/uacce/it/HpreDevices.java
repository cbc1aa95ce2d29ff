package io.uacce.it;

import io.uacce.DeviceInfo;
import io.uacce.crypto.types.CryptoMode;
import io.uacce.crypto.UacceProvider;
import io.uacce.qm.QmVersion;

/**
 * What the HPRE conformance tests share: the target's HPRE device (or a skip naming the missing
 * {@code /dev/hisi_hpre-*}) and a {@code UACCE} provider on the target's host (public API only);
 * the device checks are {@link SecDevices}'s.
 */
final class HpreDevices {
    private HpreDevices() {
    }

    /** V3+: the ECC algorithms (ECDH, ECDSA, SM2, X25519, X448); V1/V2 run RSA and DH only (spec §5). */
    static boolean ecc(DeviceInfo hpre) {
        return QmVersion.fromApi(hpre.api()).compareTo(QmVersion.V3) >= 0;
    }

    /** Runs {@code body} with the target's HPRE device (skipped when it has none) and a provider in {@code mode}. */
    static void run(ConformanceTarget t, CryptoMode mode, SecDevices.Body body) throws Exception {
        DeviceInfo hpre = Need.hpreDevice(t);
        UacceProvider p = SecDevices.provider(t, mode);
        try {
            body.run(hpre, p);
        } finally {
            p.close();
        }
    }
}
