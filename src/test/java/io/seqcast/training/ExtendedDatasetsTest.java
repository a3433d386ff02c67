package io.seqcast.training;

import io.seqcast.series.SeriesData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtendedDatasetsTest {

    @TempDir
    Path folder;

    @Test
    void windowsFollowTheProtocolAndTrainingStopsBeforeTheEarliestWindow() throws IOException {
        Files.createDirectories(folder.resolve("series"));
        Files.writeString(folder.resolve("index.csv"), """
                name,pkg,item,column,dataset,frequency,freq_class,length,start,start_time,end_time,n_na,group,note
                q,x,q,,q,4,Q,12,1990 2,1990.25,1993,0,x::q,
                a,x,a,,a,1,A/other,14,1,1,14,0,x::a,
                """);
        Files.writeString(folder.resolve("protocol.csv"), """
                series,window,freq_class,frequency,m,h,n,n_train,test_from,test_to,scale,n_na_train,status
                q,1,Q,4,4,2,12,10,11,12,1.5,0,ok
                q,2,Q,4,4,2,12,8,9,10,1.25,0,ok
                a,1,A/other,1,1,3,14,11,12,14,2,0,ok
                a,2,A/other,1,1,3,14,8,9,11,2,0,too short
                """);
        StringBuilder q = new StringBuilder("t,value\n");
        for (int i = 0; i < 12; i++) {
            q.append(1990.25 + i / 4.0).append(',').append(i + 1).append('\n');
        }
        Files.writeString(folder.resolve("series/q.csv"), q);
        StringBuilder a = new StringBuilder("t,value\n");
        for (int i = 0; i < 14; i++) {
            a.append(i + 1).append(',').append(i == 3 ? "NA" : String.valueOf(10 * i)).append('\n');
        }
        Files.writeString(folder.resolve("series/a.csv"), a);

        List<ExtendedDatasets.Window> windows = ExtendedDatasets.windows(folder);

        assertThat(windows).extracting(ExtendedDatasets.Window::id).containsExactly("q@w1", "q@w2", "a@w1");
        ExtendedDatasets.Window second = windows.get(1);
        assertThat(second.history().values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(second.actual()).containsExactly(9, 10);
        assertThat(second.frequency()).isEqualTo("Q");
        assertThat(second.scale()).isEqualTo(1.25);
        // R's 1990.25 is the second quarter: April 1990, then quarterly.
        assertThat(second.series().timestamps()).startsWith("1990-04-01", "1990-07-01");
        ExtendedDatasets.Window annual = windows.get(2);
        assertThat(annual.frequency()).isEqualTo("Y");
        assertThat(annual.series().timestamps()).as("an index, not a calendar").isNull();
        assertThat(annual.series().values()[3]).isNaN();

        List<SeriesData> training = ExtendedDatasets.trainingHistories(folder);
        assertThat(training).extracting(SeriesData::id).containsExactly("q", "a");
        assertThat(training.get(0).length()).as("before window 2").isEqualTo(8);
        assertThat(training.get(1).length()).as("only window 1 is evaluated").isEqualTo(11);
    }

    @Test
    void monthlyYearlyAndDailyTimeBecomeDates() {
        assertThat(ExtendedDatasets.timestamps(new double[] {1990.91666666667, 1991}, 12))
                .containsExactly("1990-12-01", "1991-01-01");
        assertThat(ExtendedDatasets.timestamps(new double[] {1960, 1961}, 1)).containsExactly("1960-01-01", "1961-01-01");
        assertThat(ExtendedDatasets.timestamps(new double[] {1972, 1972.00273972603}, 365))
                .containsExactly("1972-01-01", "1972-01-02");
    }
}
