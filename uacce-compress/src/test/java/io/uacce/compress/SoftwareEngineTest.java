package io.uacce.compress;

/** The contract on java.util.zip (mode SOFTWARE). */
class SoftwareEngineTest extends EngineContract {
    @Override
    ZipEngine newEngine() {
        ZipEngine e = ZipEngine.open(Mode.SOFTWARE);
        org.junit.jupiter.api.Assertions.assertFalse(e.hardware());
        return e;
    }
}
