package io.uacce.reliability.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The campaigns at a tiny size, so ./mvnw verify keeps their code and the driver's behaviour under
 * concurrent load and faults in check; CI's larger smoke and the full size run through
 * campaign.sh.
 */
class CampaignSmokeTest {

    @Test
    void loadIsRightEveryTime() throws Exception {
        Campaign.Result r = Campaign.run(Campaign.Config.parse(new String[] {"load", "--threads", "4",
                "--requests", "240", "--max-size", "300000"}));
        System.out.println(r.text());
        assertEquals(0, r.wrong(), r.text());
        assertEquals(0, r.hung(), r.text());
        assertEquals(0, r.failed(), r.text());
        assertEquals(r.requests(), r.ok(), r.text());
        assertEquals(0, r.leakedQueues(), r.text());
    }

    @Test
    void underFaultsEveryRequestIsRightOrATypedError() throws Exception {
        Campaign.Result r = Campaign.run(Campaign.Config.parse(new String[] {"faults", "--threads", "4",
                "--requests", "600", "--max-size", "300000", "--fault-interval-ms", "40"}));
        System.out.println(r.text());
        assertEquals(0, r.wrong(), r.text());
        assertEquals(0, r.hung(), r.text());
        assertEquals(r.requests(), r.ok() + r.failed(), "every request is right or a typed error: " + r.text());
        assertTrue(r.text().contains("device removal"), r.text());
        assertEquals(0, r.leakedQueues(), "queues never closed: " + r.text());
    }
}
