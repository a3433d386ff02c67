#!/usr/bin/env Rscript
# Expected fits and point forecasts for io.seqcast.series.stats.SeasonalSmoothing
# (SeasonalSmoothingTest): R's forecast package (8.20) fitting the three additive Holt-Winters
# models with an evolving seasonal state, each on its own,
#   ets(x, model = "ANA"), ets(x, model = "AAA", damped = FALSE), ets(x, model = "AAA", damped = TRUE),
# and, for series with positive values only, the same three on log(x); then the 24-step forecast
# of each fit (on the scale it was fitted on).
#
# Cases: the monthly and quarterly public datasets with the accuracy report's holdout removed (the
# last 2 seasons; co2 also shortened to its last 240 points before the holdout, the length of
# history a rolling origin sees), and five synthetic seasonal series written to synthetic.csv beside
# the output (additive with a drifting pattern, the same below zero, quarterly, multiplicative, and
# one of 30 points: two and a half seasons). presidents is left out: it starts with a gap.
#
#   apt-get install -y r-cran-forecast
#   Rscript tools/r/seasonal_fixtures.R src/test/resources/datasets src/test/resources/fixtures/seasonal/seasonal-r.csv
#
# Output: one row per fit and forecast step:
#   fit,case,dataset,frequency,from,length,model,scale,method,alpha,beta,gamma,phi,sse,aicc,sigma2,initial,auto,step,mean
# fit is case.model.scale; from and length the 1-based first point and the number of points of the
# dataset that the case fits; scale raw or log; method what R fitted (ETS(A,N,A), ..., or its
# HoltWinters fallback on short series); beta and phi NA where the model has none; sse the sum of
# squared one-step errors on the fitted scale (ets's likelihood for additive errors is
# n * log(sse)); aicc as ets computes it (np = the smoothing parameters + the initial states, with
# m - 1 free seasonal states, + 1); sigma2 = sse / (n - np + 1); initial R's initial state as
# "l b s1 ... sm" (no b without a trend; s1 the most recent seasonal state, sm the one the first
# forecast uses); auto the model ets(x, additive.only = TRUE) selects on the raw scale (any of
# ANN, AAN, AAdN, ANA, AAA, AAdA), repeated on every row of the case; mean the forecast on the
# fitted scale.
suppressPackageStartupMessages(library(forecast))
script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
source(file.path(dirname(script), "fixture_cases.R"))
paths <- fixture_paths("src/test/resources/fixtures/seasonal/seasonal-r.csv")

horizon <- 24

# The synthetic series, seeded; written to synthetic.csv (dataset,t,value) for the Java test.
set.seed(20240611)
evolving <- function(n, m, level, slope, amplitude, drift, noise) {
  pattern <- amplitude * sin(2 * pi * (0:(m - 1)) / m)
  y <- numeric(n)
  l <- level
  for (t in seq_len(n)) {
    phase <- (t - 1) %% m + 1
    pattern[phase] <- pattern[phase] + rnorm(1, sd = drift)
    l <- l + slope + rnorm(1, sd = noise / 3)
    y[t] <- l + pattern[phase] + rnorm(1, sd = noise)
  }
  y
}
synthetic <- list(
  synthetic_additive = list(m = 12, y = evolving(120, 12, 50, 0.2, 10, 0.4, 2)),
  synthetic_below_zero = list(m = 12, y = evolving(96, 12, 0, -0.05, 6, 0.2, 1.5)),
  synthetic_quarterly = list(m = 4, y = evolving(48, 4, 200, 1.5, 15, 1, 4)),
  synthetic_multiplicative = list(m = 12, y = {
    t <- 0:143
    round(100 * exp(0.01 * t + cumsum(rnorm(144, sd = 0.01))) * (1 + 0.25 * sin(2 * pi * t / 12)) *
      exp(rnorm(144, sd = 0.03)), 3)
  }),
  synthetic_short = list(m = 12, y = evolving(30, 12, 20, 0.1, 5, 0.1, 1))
)
synthetic_out <- file.path(dirname(paths$out), "synthetic.csv")
dir.create(dirname(synthetic_out), showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, lapply(names(synthetic), function(name) {
  data.frame(dataset = name, t = seq_along(synthetic[[name]]$y), value = sprintf("%.10g", synthetic[[name]]$y))
})), synthetic_out, row.names = FALSE, quote = FALSE)
cat("wrote", synthetic_out, "\n")

# The public cases: dataset, and optionally the most points kept before the holdout.
public <- list(
  list(dataset = "AirPassengers"), list(dataset = "USAccDeaths"), list(dataset = "fdeaths"),
  list(dataset = "ldeaths"), list(dataset = "nottem"), list(dataset = "co2", last = 240),
  list(dataset = "JohnsonJohnson"), list(dataset = "austres")
)

cases <- list()
for (p in public) {
  m <- paths$index$frequency[paths$index$name == p$dataset]
  values <- read.csv(file.path(paths$dir, paste0(p$dataset, ".csv")), stringsAsFactors = FALSE)$value
  n <- length(values) - min(24, 2 * m)
  from <- if (is.null(p$last)) 1 else n - p$last + 1
  cases[[length(cases) + 1]] <- list(case = p$dataset, dataset = p$dataset, m = m, from = from,
    y = values[from:n])
}
for (name in names(synthetic)) {
  s <- synthetic[[name]]
  cases[[length(cases) + 1]] <- list(case = name, dataset = name, m = s$m, from = 1, y = s$y)
}

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.10g", x)
models <- list(ANA = list(model = "ANA", damped = FALSE), AAA = list(model = "AAA", damped = FALSE),
  AAdA = list(model = "AAA", damped = TRUE))

rows <- list()
for (c in cases) {
  x <- ts(c$y, frequency = c$m)
  auto <- suppressWarnings(ets(x, additive.only = TRUE))$method
  auto <- gsub("[(),]|ETS", "", auto)
  for (scale in c("raw", "log")) {
    if (scale == "log" && min(x) <= 0) next
    z <- if (scale == "log") log(x) else x
    for (name in names(models)) {
      spec <- models[[name]]
      fit <- suppressWarnings(ets(z, model = spec$model, damped = spec$damped))
      par <- fit$par
      states <- fit$states[1, ]
      sse <- sum(residuals(fit)^2)
      np <- length(par) + 1
      mean <- as.numeric(forecast(fit, h = horizon)$mean)
      rows[[length(rows) + 1]] <- data.frame(fit = paste(c$case, name, scale, sep = "."), case = c$case,
        dataset = c$dataset, frequency = c$m, from = c$from, length = length(x), model = name,
        scale = scale, method = gsub(",", "", fit$method), alpha = num(par["alpha"]), beta = num(par["beta"]),
        gamma = num(par["gamma"]), phi = num(par["phi"]), sse = num(sse),
        aicc = num(if (is.null(fit$aicc)) NA else fit$aicc), sigma2 = num(sse / (length(x) - np + 1)),
        initial = paste(sprintf("%.10g", states), collapse = " "), auto = auto, step = seq_len(horizon),
        mean = sprintf("%.10g", mean))
    }
  }
}
write_fixture(rows, paths$out)
