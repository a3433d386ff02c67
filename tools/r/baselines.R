#!/usr/bin/env Rscript
# Classic statistical forecasts for seqcast's accuracy report (docs/accuracy.md): ets, auto.arima,
# thetaf, naive and seasonal naive from R's forecast package, on the public datasets with the same
# holdout rule as seqcast's PublicDatasets (last 2 seasons for monthly/quarterly series, at most 24;
# 10 points otherwise; series with < 20 points, or < 2 seasons of history, skipped: ACCURACY.md's 25).
#
#   apt-get install -y r-cran-forecast
#   Rscript tools/r/baselines.R src/test/resources/datasets target/r-forecasts.csv [windows]
#
# With windows = N > 1, each series is also evaluated ending 1..N-1 holdouts earlier, named
# "name@-w" (AccuracyReport's -Daccuracy.windows=N).
#
# Output: one row per series, method and horizon step: series,method,step,mean,lo80,hi80,lo95,hi95
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "src/test/resources/datasets"
out <- if (length(args) >= 2) args[2] else "target/r-forecasts.csv"
windows <- if (length(args) >= 3) as.integer(args[3]) else 1
index <- read.csv(file.path(dir, "index.csv"), stringsAsFactors = FALSE)
rows <- list()
for (w in seq_len(windows) - 1) for (i in seq_len(nrow(index))) {
  name <- index$name[i]
  per_year <- index$frequency[i]
  season <- if (per_year == 12) 12 else if (per_year == 4) 4 else 1
  data <- read.csv(file.path(dir, paste0(name, ".csv")), stringsAsFactors = FALSE)
  values <- data$value
  h <- if (season > 1) min(24, 2 * season) else 10
  if (length(values) - w * h < 20) next
  values <- values[seq_len(length(values) - w * h)]
  if (w > 0) name <- paste0(name, "@-", w)
  n <- length(values) - h
  if (length(values) < 20 || n < 2 * season) next
  history <- ts(values[1:n], frequency = season)
  # Interior gaps as seqcast fills them: linear interpolation.
  history <- na.interp(history)
  fits <- list(
    naive = naive(history, h = h, level = c(80, 95)),
    snaive = if (season > 1) snaive(history, h = h, level = c(80, 95)) else naive(history, h = h, level = c(80, 95)),
    ets = forecast(ets(history), h = h, level = c(80, 95)),
    arima = forecast(auto.arima(history), h = h, level = c(80, 95)),
    theta = thetaf(history, h = h, level = c(80, 95))
  )
  for (m in names(fits)) {
    f <- fits[[m]]
    rows[[length(rows) + 1]] <- data.frame(series = name, method = m, step = seq_len(h),
      mean = as.numeric(f$mean), lo80 = as.numeric(f$lower[, 1]), hi80 = as.numeric(f$upper[, 1]),
      lo95 = as.numeric(f$lower[, 2]), hi95 = as.numeric(f$upper[, 2]))
  }
}
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), out, row.names = FALSE)
cat("wrote", out, "\n")
