#!/usr/bin/env Rscript
# Fixtures for AutoregressionTest: R's ar() (Yule-Walker, order by AIC) on non-seasonal datasets.
#   Rscript tools/r/ar_fixtures.R   (from the repository root)
suppressPackageStartupMessages(library(forecast))
dir <- "src/test/resources/datasets"
cases <- list(list("lynx", 1), list("sunspot.year", 1), list("lh", 1), list("LakeHuron", 1), list("Nile", 1), list("WWWusage", 1))
rows <- list()
for (c in cases) {
  v <- read.csv(file.path(dir, paste0(c[[1]], ".csv")))$value
  v <- as.numeric(na.interp(ts(v)))
  fit <- ar(v, aic = TRUE, method = "yule-walker")
  p <- predict(fit, n.ahead = 10)$pred
  rows[[length(rows) + 1]] <- data.frame(series = c[[1]], order = fit$order, step = 1:10, mean = as.numeric(p))
}
out <- do.call(rbind, rows)
dir.create("src/test/resources/fixtures/autoregression", showWarnings = FALSE, recursive = TRUE)
write.csv(out, "src/test/resources/fixtures/autoregression/ar-r.csv", row.names = FALSE)
cat("wrote", nrow(out), "rows\n")
