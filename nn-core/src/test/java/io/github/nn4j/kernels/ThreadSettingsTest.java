package io.github.nn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadSettingsTest {

    @Test
    void readsThePolicyFromTheEnvironmentThatSurefireSets() {
        // The build's surefire configuration starts test JVMs with OMP_WAIT_POLICY=PASSIVE.
        assertEquals("PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY")), ThreadSettings.passiveWaitPolicy());
    }
}
