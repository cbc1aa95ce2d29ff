package io.uacce.crypto.sec;

import io.uacce.crypto.internal.EngineServices;
import io.uacce.crypto.internal.ProviderContext;
import io.uacce.crypto.internal.ServiceRegistry;
import io.uacce.crypto.soft.JdkDigest;

/** The symmetric algorithms of the provider (the SEC engine's share), with the JDK's names, aliases and OIDs. */
public final class SecServices implements EngineServices {
    @Override
    public String name() {
        return "sec";
    }

    @Override
    public void register(ServiceRegistry r, ProviderContext ctx) {
        digest(r, "MD5", "1.2.840.113549.2.5");
        digest(r, "SHA-1", "1.3.14.3.2.26", "SHA", "SHA1");
        digest(r, "SHA-224", "2.16.840.1.101.3.4.2.4", "SHA224");
        digest(r, "SHA-256", "2.16.840.1.101.3.4.2.1", "SHA256");
        digest(r, "SHA-384", "2.16.840.1.101.3.4.2.2", "SHA384");
        digest(r, "SHA-512", "2.16.840.1.101.3.4.2.3", "SHA512");
        digest(r, "SHA-512/224", "2.16.840.1.101.3.4.2.5", "SHA512/224");
        digest(r, "SHA-512/256", "2.16.840.1.101.3.4.2.6", "SHA512/256");
    }

    private static void digest(ServiceRegistry r, String name, String oid, String... aliases) {
        r.service("MessageDigest", name).alias(aliases).oid(oid).attribute("ImplementedIn", "Software")
                .add(JdkDigest.class, () -> new JdkDigest(name));
    }
}
