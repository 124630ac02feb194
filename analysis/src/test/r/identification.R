# Reference values of the sum-of-places ranking (SumOfPlaces), the yearly outcome (Outcomes.meanZ)
# and "beats its context" over years (ResilienceOverYears), run by hand:
#
#   cd analysis/src/test/r && Rscript identification.R
#
# Reads ../resources/golden/identification_scores.csv (8 schools, 3 years, subjects m, r, p; ties
# in 2023: A and C share m = 4.1, B and E share r = 3.9; D has no p and G only p in 2023) and writes
# ../resources/golden/identification.ref.csv (key,value with 17 significant digits).
d <- read.csv(file.path("..", "resources", "golden", "identification_scores.csv"))
subjects <- c("m", "r", "p")
keys <- c(); vals <- c()
put <- function(k, v) { keys <<- c(keys, k); vals <<- c(vals, sprintf("%.17g", v)) }
ctx <- tapply(d$context, d$school, function(x) x[1])
for (y in sort(unique(d$year))) {
  dy <- d[d$year == y, ]
  schools <- sort(unique(dy$school))
  P <- matrix(NA, length(schools), length(subjects), dimnames = list(schools, subjects))
  Z <- P
  for (s in subjects) {
    ds <- dy[dy$subject == s, ]
    # place 1 = highest mean, ties share the mean place
    P[ds$school, s] <- rank(-ds$mean, ties.method = "average")
    Z[ds$school, s] <- as.numeric(scale(ds$mean))
  }
  k <- rowSums(!is.na(P))
  # a school missing a subject: mean place times the number of subjects
  S <- rowMeans(P, na.rm = TRUE) * length(subjects)
  pct <- 100 * (rank(S, ties.method = "average") - 0.5) / length(S)
  for (sc in schools) {
    for (s in subjects) if (!is.na(P[sc, s])) put(paste("place", y, sc, s, sep = "."), P[sc, s])
    put(paste("k", y, sc, sep = "."), k[sc])
    put(paste("sum", y, sc, sep = "."), S[sc])
    put(paste("pct", y, sc, sep = "."), pct[sc])
  }
  out <- rowMeans(Z, na.rm = TRUE)
  for (sc in schools) put(paste("z", y, sc, sep = "."), out[sc])
  fit <- lm(out ~ ctx[schools])
  e <- residuals(fit)
  put(paste("sigma", y, sep = "."), sigma(fit))
  for (i in seq_along(schools)) put(paste("std", y, schools[i], sep = "."), e[i] / sigma(fit))
}
writeLines(c("key,value", paste0(keys, ",", vals)), file.path("..", "resources", "golden", "identification.ref.csv"))
