package io.uacce.compress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uacce.Uacce;
import io.uacce.stubs.model.AddressMode;
import io.uacce.stubs.model.ModelApi;
import io.uacce.stubs.model.ModelHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The contract on the in-process device model: QM V2 (SQE type 0), V3 (type 3, raw), no-SVA. */
class ModelEngineTest {
    abstract static class OnModel extends EngineContract {
        ModelHost model;

        abstract ModelHost.Builder configure(ModelHost.Builder b);

        @Override
        ZipEngine newEngine() {
            model = configure(ModelHost.builder()).build();
            ZipEngine e = ZipEngine.builder().mode(Mode.AUTO).host(Uacce.builder().target(model.target()).build())
                    .queuesPerDirection(2).build();
            assertTrue(e.hardware(), e.description());
            return e;
        }

        @AfterAll
        void stopModel() {
            zip.close(); // before the model goes (JUnit runs the superclass @AfterAll later)
            if (model != null) {
                model.close();
            }
        }
    }

    @Nested
    class V2Sva extends OnModel {
        @Override
        ModelHost.Builder configure(ModelHost.Builder b) {
            return b.device(s -> s.api(ModelApi.V2));
        }
    }

    @Nested
    class V3Sva extends OnModel {
        @Override
        ModelHost.Builder configure(ModelHost.Builder b) {
            return b.device(s -> s.api(ModelApi.V3));
        }
    }

    @Nested
    class V3NoSvaIommu extends OnModel {
        @Override
        ModelHost.Builder configure(ModelHost.Builder b) {
            return b.device(s -> s.api(ModelApi.V3).addressMode(AddressMode.NO_SVA_IOMMU));
        }
    }

    @Nested
    class V2NoSvaNoIommu extends OnModel {
        @Override
        ModelHost.Builder configure(ModelHost.Builder b) {
            return b.device(s -> s.api(ModelApi.V2).addressMode(AddressMode.NO_SVA_NOIOMMU));
        }
    }
}
