#!/usr/bin/env Rscript
# Expected point forecasts for io.seqcast.series.stats.Theta (ThetaTest): R's forecast::thetaf
# (forecast 8.20) on public datasets, each fitted on the whole series with thetaf's default horizon
# (2 seasons, or 10 points for non-seasonal data). The cases are those of fixture_cases.R; for
# AirPassengers_head5 ets falls back to HoltWinters with the first value as initial level.
#
#   apt-get install -y r-cran-forecast
#   Rscript tools/r/theta_fixtures.R src/test/resources/datasets src/test/resources/fixtures/theta/theta-r.csv
#
# Output: one row per case and horizon step (frequency is the season the case uses, length the
# prefix of the dataset it fits):
#   case,dataset,frequency,length,step,mean,alpha,drift,seasonal
# (alpha, drift and seasonal are R's fitted values, repeated on every row, for diagnosing a mismatch).
suppressPackageStartupMessages(library(forecast))
script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
source(file.path(dirname(script), "fixture_cases.R"))
paths <- fixture_paths("src/test/resources/fixtures/theta/theta-r.csv")

rows <- list()
for (c in fixture_cases) {
  y <- fixture_series(c, paths$dir, paths$index)
  f <- thetaf(y)
  rows[[length(rows) + 1]] <- data.frame(case = c$case, dataset = c$dataset, frequency = frequency(y),
    length = length(y), step = seq_along(f$mean), mean = sprintf("%.10g", as.numeric(f$mean)),
    alpha = sprintf("%.8g", f$model$alpha), drift = sprintf("%.8g", f$model$drift),
    seasonal = thetaf_seasonal(y))
}
write_fixture(rows, paths$out)
