#!/usr/bin/env Rscript
# Expected point forecasts for io.seqcast.series.stats.DampedTrend (DampedTrendTest): the damped
# member of the M4 "Comb" benchmark in R's forecast package (8.20), on the cases of
# fixture_cases.R plus AirPassengers_head12. The series is seasonally adjusted exactly as
# forecast::thetaf does it (the lag-m autocorrelation test for n > 2m, then
# decompose(type = "multiplicative"), unless an index is within 1e-4 of zero),
# ets(adjusted, model = "AAN", damped = TRUE) is forecast over thetaf's default horizon (2 seasons,
# or 10 points) and the indices are put back, as thetaf does.
#
# ets needs more than 9 points for this model (5 parameters + 4); on fewer it warns "Not enough
# data to use damping" and fits an undamped Holt model from the first two values by HoltWinters:
# AirPassengers_head5 records that fallback (method column), which DampedTrend does not copy.
# AirPassengers_head12 is about the shortest series R fits the damped model to.
#
#   apt-get install -y r-cran-forecast
#   Rscript tools/r/damped_fixtures.R src/test/resources/datasets src/test/resources/fixtures/damped/damped-r.csv
#
# Output: one row per case and horizon step (frequency is the season the case uses, length the
# prefix of the dataset it fits):
#   case,dataset,frequency,length,step,mean,seasonal,method,alpha,beta,phi,l0,b0,sse
# The columns after mean are R's fit, repeated on every row: whether it adjusted seasonally, the
# model it fitted, its parameters and initial states on the adjusted series, and sse, the sum of
# squared one-step errors of that fit on the adjusted series (the criterion both sides minimise:
# for additive errors ets's likelihood is n * log(sse / n)).
suppressPackageStartupMessages(library(forecast))
script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
source(file.path(dirname(script), "fixture_cases.R"))
paths <- fixture_paths("src/test/resources/fixtures/damped/damped-r.csv")

cases <- append(fixture_cases, list(list(case = "AirPassengers_head12", dataset = "AirPassengers", take = 12)),
  after = length(fixture_cases) - 1)
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.10g", x)

rows <- list()
for (c in cases) {
  x <- fixture_series(c, paths$dir, paths$index)
  m <- frequency(x)
  h <- if (m > 1) 2 * m else 10
  # forecast:::thetaf's seasonal adjustment, line for line
  seasonal <- thetaf_seasonal(x)
  adjusted <- x
  if (seasonal) {
    decomp <- decompose(x, type = "multiplicative")
    if (any(abs(seasonal(decomp)) < 1e-04)) {
      seasonal <- FALSE
    } else {
      adjusted <- seasadj(decomp)
    }
  }
  fit <- suppressWarnings(ets(adjusted, model = "AAN", damped = TRUE))
  mean <- as.numeric(forecast(fit, h = h)$mean)
  if (seasonal) {
    mean <- mean * rep(tail(decomp$seasonal, m), trunc(1 + h / m))[1:h]
  }
  par <- fit$par
  state <- fit$states[1, ]  # the initial states (both for ets and its HoltWinters fallback)
  rows[[length(rows) + 1]] <- data.frame(case = c$case, dataset = c$dataset, frequency = m,
    length = length(x), step = seq_len(h), mean = sprintf("%.10g", mean), seasonal = seasonal,
    method = gsub(",", "", fit$method), alpha = num(par["alpha"]), beta = num(par["beta"]),
    phi = num(if (is.na(par["phi"])) 1 else par["phi"]), l0 = num(state["l"]), b0 = num(state["b"]),
    sse = num(sum(residuals(fit)^2)))
}
write_fixture(rows, paths$out)
