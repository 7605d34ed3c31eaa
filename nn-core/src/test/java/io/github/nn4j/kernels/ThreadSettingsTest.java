package io.github.nn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadSettingsTest {

    @Test
    void passiveInAnyCaseAndWithSpacesIsPassive() {
        assertTrue(ThreadSettings.isPassive("PASSIVE"));
        assertTrue(ThreadSettings.isPassive("passive"));
        assertTrue(ThreadSettings.isPassive(" Passive\n"));
    }

    @Test
    void activeUnsetEmptyOrOtherValuesAreNotPassive() {
        assertFalse(ThreadSettings.isPassive("ACTIVE"));
        assertFalse(ThreadSettings.isPassive(null));
        assertFalse(ThreadSettings.isPassive(""));
        assertFalse(ThreadSettings.isPassive("PASSIVE_"));
    }
}
