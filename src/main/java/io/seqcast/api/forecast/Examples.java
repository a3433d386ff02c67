package io.seqcast.api.forecast;

/** OpenAPI examples of {@code POST /forecast} and {@code POST /backtest} (kept in step with docs/api.md). */
final class Examples {

    private Examples() {
    }

    static final String MONTHLY_REQUEST = """
            {
              "horizon": 3,
              "levels": [80, 95],
              "series": [
                { "id": "store-1",
                  "values": [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
                             115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140],
                  "timestamps": ["2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30", "2023-05-31", "2023-06-30",
                                 "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31",
                                 "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
                                 "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31"] }
              ]
            }""";

    static final String START_REQUEST = """
            {
              "model": "default",
              "horizon": 7,
              "frequency": "D",
              "series": [
                { "id": "berlin-tmax", "start": "2024-06-01",
                  "values": [21.3, 23.0, null, 25.1, 24.4, 22.8, 20.9, 19.7, 21.5, 23.9, 26.2, 27.0, null, 25.3] }
              ]
            }""";

    static final String AUTO_REQUEST = """
            {
              "model": "auto",
              "horizon": 12,
              "frequency": "M",
              "series": [ { "id": "sales", "start": "2010-01-01", "values": [ "... 200 monthly values ..." ] } ]
            }""";

    static final String CSV_REQUEST = """
            id,timestamp,value
            store-1,2024-01-01,112
            store-1,2024-01-02,118
            store-1,2024-01-03,
            store-1,2024-01-04,129
            store-2,2024-01-01,40
            store-2,2024-01-02,42
            store-2,2024-01-03,45
            store-2,2024-01-04,44
            """;

    static final String MONTHLY_RESPONSE = """
            {
              "model": { "name": "default", "version": 1 },
              "forecasts": [
                { "id": "store-1", "frequency": "M",
                  "timestamps": ["2025-01-31", "2025-02-28", "2025-03-31"],
                  "mean": [121.9, 131.5, 148.2],
                  "intervals": {
                    "80": { "lower": [113.2, 121.0, 136.3], "upper": [130.6, 142.0, 160.1] },
                    "95": { "lower": [107.4, 114.1, 128.4], "upper": [136.4, 148.9, 168.0] } },
                  "extended": false,
                  "selection": { "method": "model+theta", "origins": 40,
                    "mase": { "model+theta+damped": 0.63, "model+theta": 0.61, "model": 0.66, "theta": 0.74,
                              "damped-trend": 0.71, "autoregression": 0.93, "seasonal-naive": 1.02,
                              "seasonal-smoothing": 0.69 } } }
              ]
            }""";

    static final String PROBLEM_400 = """
            {
              "type": "about:blank",
              "title": "Invalid forecast request",
              "status": 400,
              "detail": "series[0].values[2] must be a number or null, got a string (\\"12\\")",
              "instance": "/forecast",
              "field": "series[0].values[2]"
            }""";

    static final String BACKTEST_REQUEST = """
            {
              "horizon": 6,
              "windows": 3,
              "frequency": "M",
              "levels": [80],
              "series": [ { "id": "store-1", "start": "2021-01-01", "values": [ "... 48 monthly values ..." ] } ]
            }""";

    static final String BACKTEST_AUTO_REQUEST = """
            {
              "model": "auto",
              "horizon": 12,
              "windows": 2,
              "frequency": "M",
              "series": [ { "id": "sales", "start": "2010-01-01", "values": [ "... 120 monthly values ..." ] } ]
            }""";

    static final String BACKTEST_RESPONSE = """
            {
              "model": {
                "name": "default",
                "version": 1
              },
              "horizon": 6,
              "windows": 3,
              "step": 6,
              "series": [
                {
                  "id": "passengers",
                  "season": 12,
                  "origins": [
                    30,
                    36,
                    42
                  ],
                  "metrics": {
                    "model": {
                      "mae": 8.479137,
                      "rmse": 9.557352,
                      "smape": 4.546311,
                      "mase": 0.4031333,
                      "coverage": {
                        "80": 0.9444444
                      }
                    },
                    "naive": {
                      "mae": 21.11111,
                      "rmse": 24.41766,
                      "smape": 11.20894,
                      "mase": 0.997251
                    },
                    "seasonalNaive": {
                      "mae": 27.38889,
                      "rmse": 28.36371,
                      "smape": 15.69518,
                      "mase": 1.302986
                    }
                  }
                }
              ],
              "aggregate": "... the mean over series of each metric ...",
              "warnings": [
                "the history of series 'passengers', 'store-2' before some origins is shorter than the model's window of 48 points: the input is padded with the first value; expect a less accurate forecast"
              ]
            }""";

    static final String BACKTEST_PROBLEM_400 = """
            {
              "type": "about:blank",
              "title": "Invalid backtest request",
              "status": 400,
              "detail": "series 's' (series[0]) has 10 points, too few for 3 window(s) of horizon 4 with step 4: it needs at least 2 + 4 x 2 + 4 = 14 (2 points of history before the first origin)",
              "instance": "/backtest",
              "field": "series[0].values"
            }""";
}
