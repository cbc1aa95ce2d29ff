package io.uacce.qm;

import java.util.Locale;

/**
 * QM hardware generation as announced by the sysfs {@code api} attribute. It selects the doorbell
 * location and encoding (spec §3.4) and the ZIP SQE type (§4.1).
 */
public enum QmVersion {
    /** "hisi_qm_v1": doorbell at MMIO + 0x340, qn in [15:0], cmd in [31:16]. */
    V1(0x340),
    /** "hisi_qm_v2" (Kunpeng 920): doorbell at MMIO + 0x1000, qn in [11:0], cmd in [15:12]. */
    V2(0x1000),
    /** "hisi_qm_v3" and newer ("hisi_qm_v5"...): same doorbell as V2, ZIP SQE type 3. */
    V3(0x1000);

    private final int doorbellOffset;

    QmVersion(int doorbellOffset) {
        this.doorbellOffset = doorbellOffset;
    }

    /** Byte offset of the 64-bit doorbell register inside the MMIO region. */
    public int doorbellOffset() {
        return doorbellOffset;
    }

    /**
     * Parses a sysfs {@code api} value: "hisi_qm_v" followed by a number, optionally followed by a
     * suffix such as "_noiommu" (read as UADK does: the number after the 9-character prefix).
     *
     * @throws IllegalArgumentException naming the value when it is not a hisi_qm api
     */
    public static QmVersion fromApi(String api) {
        String a = api.strip().toLowerCase(Locale.ROOT);
        String prefix = "hisi_qm_v";
        if (a.startsWith(prefix)) {
            int i = prefix.length();
            int j = i;
            while (j < a.length() && Character.isDigit(a.charAt(j))) {
                j++;
            }
            if (j > i) {
                int n = Integer.parseInt(a.substring(i, Math.min(j, i + 6)));
                if (n == 1) {
                    return V1;
                }
                if (n == 2) {
                    return V2;
                }
                if (n >= 3) {
                    return V3;
                }
            }
        }
        throw new IllegalArgumentException("not a HiSilicon QM api: '" + api.strip()
                + "' (expected hisi_qm_v1, hisi_qm_v2, hisi_qm_v3 or newer, optionally with a suffix)");
    }
}
