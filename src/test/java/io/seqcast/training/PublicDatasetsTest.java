package io.seqcast.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PublicDatasetsTest {

    private static final Path DATASETS = Path.of("src/test/resources/datasets");

    @Test
    void evaluatesAccuracyMdsTwentyFiveSeriesAndTrainsOnTheLongEnoughOnes() {
        Map<String, PublicDatasets.Entry> entries = PublicDatasets.load(DATASETS).stream()
                .collect(Collectors.toMap(e -> e.series().id(), Function.identity()));

        assertEquals(25, entries.size(), "ACCURACY.md's set: every series of 20 points or more");
        assertFalse(entries.containsKey("uspop"), "19 points");
        PublicDatasets.Entry airmiles = entries.get("airmiles");
        assertEquals(10, airmiles.holdout());
        assertEquals(14, airmiles.history().length());
        assertFalse(airmiles.trainable(), "14 points of history are evaluated, not trained on");
        assertEquals(24, entries.values().stream().filter(PublicDatasets.Entry::trainable).count());
    }

    @Test
    void holdsOutTwoSeasonsAtMostTwentyFourPointsOrTenPoints() {
        List<PublicDatasets.Entry> entries = PublicDatasets.load(DATASETS);
        Map<String, Integer> holdouts = entries.stream()
                .collect(Collectors.toMap(e -> e.series().id(), PublicDatasets.Entry::holdout));

        assertEquals(24, holdouts.get("AirPassengers"));
        assertEquals(8, holdouts.get("JohnsonJohnson"));
        assertEquals(10, holdouts.get("Nile"));
        for (PublicDatasets.Entry e : entries) {
            assertTrue(e.history().length() >= 2 * e.season(), e.series().id());
        }
    }
}
