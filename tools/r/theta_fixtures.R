#!/usr/bin/env Rscript
# Expected point forecasts for io.seqcast.series.stats.Theta (ThetaTest): R's forecast::thetaf
# (forecast 8.20) on public datasets, each fitted on the whole series with thetaf's default horizon
# (2 seasons, or 10 points for non-seasonal data). The "_head" cases are prefixes: shorter than two
# seasons and exactly two seasons (thetaf tests seasonality only for n > 2m), and 5 points (ets
# falls back to HoltWinters with the first value as initial level). lynx_season9 gives lynx (an
# ~9.6-year cycle) a season of 9, to check the odd-order moving average of the decomposition.
#
#   apt-get install -y r-cran-forecast
#   Rscript tools/r/theta_fixtures.R src/test/resources/datasets src/test/resources/fixtures/theta/theta-r.csv
#
# Output: one row per case and horizon step (frequency is the season the case uses, length the
# prefix of the dataset it fits):
#   case,dataset,frequency,length,step,mean,alpha,drift,seasonal
# (alpha, drift and seasonal are R's fitted values, repeated on every row, for diagnosing a mismatch).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "src/test/resources/datasets"
out <- if (length(args) >= 2) args[2] else "src/test/resources/fixtures/theta/theta-r.csv"
index <- read.csv(file.path(dir, "index.csv"), stringsAsFactors = FALSE)

cases <- list(
  list(case = "AirPassengers", dataset = "AirPassengers"),
  list(case = "USAccDeaths", dataset = "USAccDeaths"),
  list(case = "nottem", dataset = "nottem"),
  list(case = "austres", dataset = "austres"),
  list(case = "JohnsonJohnson", dataset = "JohnsonJohnson"),
  list(case = "Nile", dataset = "Nile"),
  list(case = "WWWusage", dataset = "WWWusage"),
  list(case = "LakeHuron", dataset = "LakeHuron"),
  list(case = "lynx_season9", dataset = "lynx", frequency = 9),
  list(case = "USAccDeaths_head20", dataset = "USAccDeaths", take = 20),
  list(case = "USAccDeaths_head24", dataset = "USAccDeaths", take = 24),
  list(case = "AirPassengers_head5", dataset = "AirPassengers", take = 5)
)

rows <- list()
for (c in cases) {
  frequency <- if (is.null(c$frequency)) index$frequency[index$name == c$dataset] else c$frequency
  values <- read.csv(file.path(dir, paste0(c$dataset, ".csv")), stringsAsFactors = FALSE)$value
  if (!is.null(c$take)) values <- values[seq_len(c$take)]
  y <- ts(values, frequency = frequency)
  if (anyNA(y)) y <- na.interp(y)  # interior gaps only; none of the cases above has any
  f <- thetaf(y)
  # thetaf does not return its seasonality decision; recompute it exactly as thetaf does.
  seasonal <- FALSE
  m <- frequency
  if (m > 1 && !is.constant(y) && length(y) > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    seasonal <- abs(r[m]) / sqrt((1 + 2 * sum(r[-m]^2)) / length(y)) > qnorm(0.95)
  }
  rows[[length(rows) + 1]] <- data.frame(case = c$case, dataset = c$dataset, frequency = frequency,
    length = length(y), step = seq_along(f$mean), mean = sprintf("%.10g", as.numeric(f$mean)),
    alpha = sprintf("%.8g", f$model$alpha), drift = sprintf("%.8g", f$model$drift), seasonal = seasonal)
}
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
cat("wrote", out, "\n")
