package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {

    @TempDir
    Path dir;
    private Dashboard live;
    private Dashboard replay;

    @BeforeEach
    void start() {
        live = Dashboard.start(DashboardOptions.defaults().port(0).quiet().sampleEvery(3));
        replay = Dashboard.start(DashboardOptions.defaults().port(0).quiet());
    }

    @AfterEach
    void stop() {
        live.close();
        replay.close();
    }

    @Test
    void aSavedRunReadsBackAsTheSameRun() throws IOException {
        Split split = TrainingFixtures.blobs(150, 1).split(30, 2);
        Path file = dir.resolve("blobs.run.json");
        DashboardRun run = live.run("saved \"run\" <1>").classNames(java.util.List.of("a", "b", "c")).saveTo(file);
        TrainingFixtures.trainer(TrainingFixtures.model(), 3).listener(run).build().fit(split.train(), split.validation());
        replay.load(file);
        RunRecord original = live.records().get(0);
        RunRecord copy = replay.records().get(0);
        assertEquals(RunRecord.REPLAY, copy.status());
        assertEquals(original.name(), copy.name());
        assertEquals(original.info(), copy.info());
        assertEquals(original.progress(), copy.progress());
        assertArrayEquals(original.confusion().matrix(), copy.confusion().matrix());
        assertEquals(original.series().keySet(), copy.series().keySet());
        for (String key : original.series().keySet()) {
            assertArrayEquals(original.series(key).xs(), copy.series(key).xs(), key);
            assertArrayEquals(original.series(key).ys(), copy.series(key).ys(), key);
        }
        // the same JSON, but for the status
        assertEquals(RunFile.toJson(original).replace("\"finished\"", "\"replay\""), RunFile.toJson(copy));
    }

    private IllegalArgumentException refused(String text) throws IOException {
        Path file = dir.resolve("bad.run.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> replay.load(file));
        assertTrue(error.getMessage().startsWith(file + " is not a saved dashboard run: "), error.getMessage());
        assertEquals(0, replay.records().size());
        return error;
    }

    private static String run(String body) {
        return "{\"format\":\"nn4j-dashboard-run\",\"version\":1,\"run\":{" + body + "}}";
    }

    @Test
    void filesThatAreNotSavedRunsGetAClearErrorAndAddNoRun() throws IOException {
        refused("not json at all");
        refused("{\"format\":\"something else\",\"run\":{}}");
        assertTrue(refused("{\"format\":\"nn4j-dashboard-run\",\"version\":2,\"run\":{}}").getMessage()
                .contains("version 2"));
        refused(run("\"name\":\"x\",\"series\":{\"step/loss\":{\"x\":[1,2],\"y\":[1]}}"));
        assertTrue(refused(run("\"series\":{\"../../etc\":{\"x\":[],\"y\":[]}}")).getMessage()
                .contains("unexpected curve name"));
        assertTrue(refused(run("\"info\":{\"classes\":[\"a\",\"b\"]},\"confusion\":{\"epoch\":1,\"matrix\":[[1,2],[3]]}}"))
                .getMessage().contains("not square"));
        refused(run("\"info\":{\"classes\":[\"a\"]},\"confusion\":{\"epoch\":1,\"matrix\":[[1,2],[3,4]]}"));
        refused(run("\"name\":\"x\"").substring(0, run("\"name\":\"x\"").length() - 1));   // cut short
    }

    @Test
    void aCurveLongerThanTheDashboardKeepsIsRefusedSoMemoryStaysBounded() throws IOException {
        StringBuilder points = new StringBuilder("0");
        for (int i = 1; i <= 2_000; i++) {
            points.append(',').append(i);
        }
        String error = refused(run("\"series\":{\"step/loss\":{\"x\":[" + points + "],\"y\":[" + points + "]}}"))
                .getMessage();
        assertTrue(error.contains("more than 2000 points"), error);
    }
}
