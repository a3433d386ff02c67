package io.seqcast.api.forecast;

/** OpenAPI examples of {@code POST /forecast} and {@code POST /backtest} (kept in step with docs/api.md). */
final class Examples {

    private Examples() {
    }

    /** The request of docs/api.md's first example, with both interval levels. */
    static final String MONTHLY_REQUEST = """
            {
              "horizon": 3,
              "frequency": "M",
              "levels": [80, 95],
              "series": [
                { "id": "passengers", "start": "1949-01-01",
                  "values": [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
                             115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
                             145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
                             171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194] }
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

    /** The airline passengers series (monthly, 1949-1960, 144 values), for the auto-mode examples. */
    private static final String AIRLINE = """
                { "id": "airline", "start": "1949-01-01",
                  "values": [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
                         115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
                         145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
                         171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
                         196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
                         204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
                         242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
                         284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
                         315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336,
                         340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
                         360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
                         417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432] }
            """;

    static final String AUTO_REQUEST = """
            {
              "model": "auto",
              "horizon": 12,
              "frequency": "M",
              "series": [
            """ + AIRLINE + """
              ]
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

    /** What the service answered to {@link #MONTHLY_REQUEST} (2026-12-08, bundled default model). */
    static final String MONTHLY_RESPONSE = """
            {
              "model": { "name": "default", "version": 1 },
              "forecasts": [
                { "id": "passengers", "frequency": "M",
                  "timestamps": ["1953-01-01", "1953-02-01", "1953-03-01"],
                  "mean": [197.7829, 209.4221, 235.267],
                  "intervals": {
                    "80": { "lower": [179.9723, 189.5853, 213.4076], "upper": [222.5633, 239.3491, 268.6868] },
                    "95": { "lower": [165.1785, 171.9344, 192.6971], "upper": [230.3873, 246.9098, 277.837] } },
                  "extended": false,
                  "selection": { "method": "seasonal-smoothing", "origins": 22,
                    "mase": { "model+theta+damped": 0.7648, "model+theta": 0.6862, "model": 0.5292,
                              "theta": 0.9096, "damped-trend": 0.9354, "autoregression": 1.1243,
                              "seasonal-naive": 1.2266, "seasonal-smoothing": 0.3958 } } }
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
              "series": [
                { "id": "passengers", "start": "1949-01-01",
                  "values": [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
                             115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
                             145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
                             171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194] },
                { "id": "store-2", "start": "2021-01-01",
                  "values": [40, 42, 45, 44, 47, 52, 55, 54, 50, 46, 44, 48,
                             43, 45, 49, 47, 51, 56, 59, 58, 53, 49, 46, 51,
                             46, 48, 52, 51, 54, 60, 63, 61, 57, 52, 49, 54,
                             49, 51, 55, 54, 58, 64, 67, 65, 60, 55, 52, 57] }
              ]
            }""";

    static final String BACKTEST_AUTO_REQUEST = """
            {
              "model": "auto",
              "horizon": 12,
              "windows": 2,
              "frequency": "M",
              "series": [
            """ + AIRLINE + """
              ]
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
                      "mae": 7.108386,
                      "rmse": 9.153887,
                      "smape": 3.988912,
                      "mase": 0.3389288,
                      "coverage": {
                        "80": 1.0
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
              "aggregate": {
                "model": { "mae": 4.361287, "rmse": 5.483027, "smape": 2.765811, "mase": 0.2822579,
                           "coverage": { "80": 1.0 } },
                "naive": { "mae": 13.08333, "rmse": 15.30677, "smape": 9.992597, "mase": 1.256959 },
                "seasonalNaive": { "mae": 15.36111, "rmse": 15.86511, "smape": 10.8676, "mase": 1.151493 }
              },
              "warnings": [
                "the history of series 'passengers', 'store-2' before some origins is shorter than the model's window of 36 points: the input is padded with the first value; expect a less accurate forecast"
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
