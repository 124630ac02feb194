# Reference values of the difference in differences (DifferenceInDifferences), run by hand:
#
#   cd analysis/src/test/r && Rscript did.R
#
# Writes ../resources/golden/did.csv (dataset,cell,score; cells T0, T1 = the school at the baseline
# and the later wave, C0, C1 = the comparison schools at the same waves) and
# ../resources/golden/did.ref.csv (key,value with 17 significant digits).
#
# Δ is the interaction coefficient of lm(score ~ wave * group) (wave = 1 later, group = 1 school),
# checked against the difference of the mean changes; the effect's SD is sigma() of that model.
# The Welch SE, df, interval and p are computed by the stated formula:
#   SE = sqrt(s²T1/nT1 + s²T0/nT0 + s²C1/nC1 + s²C0/nC0)
#   df = SE⁴ / Σ (s²ᵢ/nᵢ)² / (nᵢ − 1),   Δ ± qt(0.975, df)·SE,   p = 2·pt(−|Δ/SE|, df)
# and each group's change by t.test(later, baseline) (Welch).
set.seed(2026)
rows <- list(); keys <- c(); vals <- c()
put <- function(k, v) { keys <<- c(keys, k); vals <<- c(vals, sprintf("%.17g", v)) }
likert100 <- function(n, centre, spread) {
  # a 4-item scale on 1..4 as a person score on 0..100: few distinct values, many ties
  x <- matrix(pmin(4, pmax(1, round(rnorm(n * 4, centre, spread)))), n, 4)
  (rowMeans(x) - 1) / 3 * 100
}
sets <- list(
  equal     = list(T0 = rnorm(20, 55, 12), T1 = rnorm(20, 63, 12), C0 = rnorm(20, 60, 12), C1 = rnorm(20, 61, 12)),
  unequal   = list(T0 = rnorm(8, 40, 5), T1 = rnorm(12, 52, 20), C0 = rnorm(150, 58, 15), C1 = rnorm(90, 60, 10)),
  likert    = list(T0 = likert100(27, 2.3, 0.8), T1 = likert100(31, 2.8, 0.7), C0 = likert100(140, 2.6, 0.8),
                   C1 = likert100(133, 2.65, 0.8)),
  decline   = list(T0 = likert100(15, 3.0, 0.6), T1 = likert100(9, 2.4, 0.9), C0 = likert100(60, 2.8, 0.7),
                   C1 = likert100(64, 2.9, 0.7)),
  null      = list(T0 = rnorm(40, 50, 20), T1 = rnorm(35, 51, 25), C0 = rnorm(200, 50, 20), C1 = rnorm(180, 50.5, 20)),
  # the comparison at the baseline has no spread at all: its term is 0, nothing else changes
  flat      = list(T0 = c(50, 60, 70, 55, 65), T1 = c(70, 80, 75, 85, 90, 72), C0 = rep(60, 7), C1 = c(60, 62, 58, 61, 59))
)
for (name in names(sets)) {
  s <- sets[[name]]
  for (cell in c("T0", "T1", "C0", "C1")) {
    rows[[length(rows) + 1]] <- data.frame(dataset = name, cell = cell, score = s[[cell]])
  }
  d <- rbind(data.frame(score = s$T0, wave = 0, group = 1), data.frame(score = s$T1, wave = 1, group = 1),
             data.frame(score = s$C0, wave = 0, group = 0), data.frame(score = s$C1, wave = 1, group = 0))
  fit <- lm(score ~ wave * group, d)
  delta <- unname(coef(fit)["wave:group"])
  stopifnot(all.equal(delta, (mean(s$T1) - mean(s$T0)) - (mean(s$C1) - mean(s$C0)), tolerance = 1e-12))
  v <- sapply(s[c("T1", "T0", "C1", "C0")], function(x) var(x) / length(x))
  n <- sapply(s[c("T1", "T0", "C1", "C0")], length)
  se <- sqrt(sum(v))
  df <- se^4 / sum(v^2 / (n - 1))
  q <- qt(0.975, df)
  p <- 2 * pt(-abs(delta / se), df)
  put(paste0(name, ".delta"), delta)
  put(paste0(name, ".se"), se)
  put(paste0(name, ".df"), df)
  put(paste0(name, ".t"), delta / se)
  put(paste0(name, ".p"), p)
  put(paste0(name, ".lo"), delta - q * se)
  put(paste0(name, ".hi"), delta + q * se)
  put(paste0(name, ".d"), delta / sigma(fit))
  for (g in c("T", "C")) {
    later <- s[[paste0(g, "1")]]; base <- s[[paste0(g, "0")]]
    tt <- t.test(later, base)
    put(paste0(name, ".", g, ".change"), mean(later) - mean(base))
    put(paste0(name, ".", g, ".df"), tt$parameter)
    put(paste0(name, ".", g, ".p"), tt$p.value)
    put(paste0(name, ".", g, ".lo"), tt$conf.int[1])
    put(paste0(name, ".", g, ".hi"), tt$conf.int[2])
  }
}
out <- do.call(rbind, rows)
out$score <- sprintf("%.17g", out$score)
write.csv(out, file.path("..", "resources", "golden", "did.csv"), row.names = FALSE, quote = FALSE)
writeLines(c("key,value", paste0(keys, ",", vals)), file.path("..", "resources", "golden", "did.ref.csv"))
