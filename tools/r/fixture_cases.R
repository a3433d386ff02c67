# Shared by theta_fixtures.R and damped_fixtures.R (source()d, not run): the public-dataset cases
# both fixtures cover and forecast::thetaf's seasonality test, which both methods adjust by.
#
# The "_head" cases are prefixes: shorter than two seasons and exactly two seasons (thetaf tests
# seasonality only for n > 2m), and 5 points (ets falls back to HoltWinters). lynx_season9 gives
# lynx (an ~9.6-year cycle) a season of 9, to check the odd-order moving average of the
# decomposition.
fixture_cases <- list(
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

# The series of case c, from the CSV files in dir (index: dir's index.csv), as a ts of the case's
# frequency.
fixture_series <- function(c, dir, index) {
  frequency <- if (is.null(c$frequency)) index$frequency[index$name == c$dataset] else c$frequency
  values <- read.csv(file.path(dir, paste0(c$dataset, ".csv")), stringsAsFactors = FALSE)$value
  if (!is.null(c$take)) values <- values[seq_len(c$take)]
  y <- ts(values, frequency = frequency)
  if (anyNA(y)) y <- na.interp(y)  # interior gaps only; none of the cases has any
  y
}

# Whether thetaf adjusts x seasonally (it does not return its decision): the lag-m autocorrelation
# against Bartlett's band at the 10% level, for n > 2m, exactly as forecast:::thetaf computes it.
thetaf_seasonal <- function(x) {
  m <- frequency(x)
  n <- length(x)
  if (m > 1 && !is.constant(x) && n > 2 * m) {
    r <- as.numeric(acf(x, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    abs(r[m]) / stat > qnorm(0.95)
  } else {
    FALSE
  }
}

# The command line of a fixture script: the datasets' folder and the output file (default_out
# when not given), and the datasets' index.
fixture_paths <- function(default_out) {
  args <- commandArgs(trailingOnly = TRUE)
  dir <- if (length(args) >= 1) args[1] else "src/test/resources/datasets"
  out <- if (length(args) >= 2) args[2] else default_out
  list(dir = dir, out = out, index = read.csv(file.path(dir, "index.csv"), stringsAsFactors = FALSE))
}

# Writes the fixture's rows (a list of data frames) to out.
write_fixture <- function(rows, out) {
  dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
  write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
  cat("wrote", out, "\n")
}
