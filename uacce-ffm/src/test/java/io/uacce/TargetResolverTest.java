package io.uacce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.spi.KernelTarget;
import io.uacce.spi.UacceKernelProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {

    @TempDir
    Path tmp;

    private final Map<String, String> props = new HashMap<>();

    @AfterEach
    void reset() {
        TestKernelProvider.available = true;
        TestKernelProvider.failStart = false;
    }

    private Uacce resolve() {
        return TargetResolver.resolve(props::get, Uacce.loadProviders());
    }

    private void roots(SysfsFixture fx) {
        props.put("uacce.sysfs.root", fx.sysfs.toString());
        props.put("uacce.dev.root", fx.dev.toString());
    }

    @Test
    void serviceLoaderFindsTheTestProvider() {
        List<UacceKernelProvider> ps = Uacce.loadProviders();
        assertTrue(ps.stream().anyMatch(p -> p instanceof TestKernelProvider), ps.toString());
    }

    @Test
    void autoUsesTheRealKernelWhenSysfsListsADevice() {
        SysfsFixture fx = new SysfsFixture(tmp);
        fx.device("hisi_zip-0", 0, 4);
        roots(fx);
        Uacce u = resolve();
        assertEquals("linux", u.kernel().name());
        assertEquals(fx.sysfs, u.sysfsRoot());
        assertEquals(fx.dev, u.devRoot());
        assertEquals(1, u.devices().size());
        assertTrue(u.description().contains("linux"), u.description());
    }

    @Test
    void autoUsesTheRealKernelWhenADeviceNodeExists() {
        SysfsFixture fx = new SysfsFixture(tmp);
        SysfsFixture.write(fx.dev, "hisi_zip-4", "");
        roots(fx);
        assertEquals("linux", resolve().kernel().name());
    }

    @Test
    void autoFallsBackToAProviderWhenNothingIsThere() {
        SysfsFixture fx = new SysfsFixture(tmp);
        SysfsFixture.write(fx.dev, "null", "");
        roots(fx);
        Uacce u = resolve();
        assertEquals("scripted", u.kernel().name());
        assertTrue(u.description().contains("scripted test target"), u.description());
        assertEquals("hisi_zip-0", u.selectOrThrow("zlib").name());
    }

    @Test
    void autoSkipsUnavailableOrFailingProvidersAndEndsOnLinux() {
        SysfsFixture fx = new SysfsFixture(tmp);
        roots(fx);
        TestKernelProvider.available = false;
        assertEquals("linux", resolve().kernel().name());
        TestKernelProvider.available = true;
        TestKernelProvider.failStart = true;
        Uacce u = resolve();
        assertEquals("linux", u.kernel().name());
        assertEquals(List.of(), u.devices());
    }

    @Test
    void explicitLinuxIgnoresProviders() {
        SysfsFixture fx = new SysfsFixture(tmp);
        roots(fx);
        props.put("uacce.target", "linux");
        assertEquals("linux", resolve().kernel().name());
    }

    @Test
    void namedProviderIsUsedOrExplained() {
        props.put("uacce.target", "Scripted");
        assertEquals("scripted", resolve().kernel().name());
        props.put("uacce.target", "model");
        UacceException e = assertThrows(UacceException.class, this::resolve);
        assertTrue(e.getMessage().contains("found: scripted") && e.getMessage().contains("native-stubs"),
                e.getMessage());
        props.put("uacce.target", "scripted");
        TestKernelProvider.available = false;
        assertTrue(assertThrows(UacceException.class, this::resolve).getMessage().contains("available()"));
        TestKernelProvider.available = true;
        TestKernelProvider.failStart = true;
        assertTrue(assertThrows(UacceException.class, this::resolve).getMessage().contains("scripted start failure"));
    }

    @Test
    void defaultsAreTheRealPaths() {
        props.put("uacce.target", "linux");
        Uacce u = resolve();
        assertEquals(Path.of("/sys/class/uacce"), u.sysfsRoot());
        assertEquals(Path.of("/dev"), u.devRoot());
    }

    @Test
    void systemIsCreatedOnce() {
        assertSame(Uacce.system(), Uacce.system());
    }

    @Test
    void builderTakesATarget() {
        SysfsFixture fx = new SysfsFixture(tmp);
        ScriptedKernel k = new ScriptedKernel();
        Uacce u = Uacce.builder().target(new KernelTarget(k, fx.sysfs, fx.dev, "a target")).build();
        assertSame(k, u.kernel());
        assertEquals("a target", u.description());
        assertEquals(4096, u.pageSize());
    }

    /** Rule 6 (issue 8): a bad target is remembered and thrown as a typed error on every call. */
    @Test
    void aFailedSystemHostIsRememberedAndThrownTypedEachTime() {
        props.put("uacce.target", "no-such-target");
        Object resolved = Uacce.resolveOnce(props::get);
        UacceException first = assertThrows(UacceException.class, () -> Uacce.hostOrThrow(resolved));
        UacceException second = assertThrows(UacceException.class, () -> Uacce.hostOrThrow(resolved));
        assertTrue(first.getMessage().contains("no-such-target"), first.getMessage());
        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void nativeAccessDeniedBecomesAClearTypedError() {
        TestKernelProvider.failStartWith = new IllegalCallerException("restricted method");
        try {
            props.put("uacce.target", "scripted");
            UacceException e = assertThrows(UacceException.class, () -> Uacce.hostOrThrow(Uacce.resolveOnce(props::get)));
            assertTrue(e.getMessage().contains("--enable-native-access"), e.getMessage());
        } finally {
            TestKernelProvider.failStartWith = null;
        }
    }
}
