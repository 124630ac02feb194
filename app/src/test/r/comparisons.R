# Golden values for org.uklad.indices.ComparisonsTest: the comparisons of a school with its partner
# school and with its earlier wave, and the problem-matrix test against the wave's median, computed
# in base R on exactly the answers the test stores through the app (example questionnaire:
# dem1, dem2 (reverse-keyed), com1, com2 on 1..4). Run: Rscript app/src/test/r/comparisons.R
options(digits = 15)

rows <- function(...) do.call(rbind, list(...))
a_now <- rows(c(2,3,3,3), c(1,3,3,2), c(2,2,2,3), c(3,3,3,3), c(2,4,4,3), c(1,2,3,3),
              c(2,3,2,2), c(3,2,3,4), c(2,3,3,3), c(1,4,2,3), c(2,2,4,3), c(3,3,3,2))
b_now <- rows(c(4,1,3,3), c(3,1,3,2), c(4,2,2,3), c(3,2,3,3), c(4,1,4,3), c(4,1,3,3),
              c(3,1,2,3), c(4,2,3,4), c(3,2,3,2), c(4,1,3,3))
c_now <- rows(c(3,2,3,3), c(2,2,3,2), c(3,3,3,3), c(2,2,2,3), c(3,1,3,3), c(3,2,4,3),
              c(2,3,3,2), c(3,2,3,3))
a_then <- rows(c(1,4,3,3), c(1,3,3,2), c(2,4,2,3), c(1,4,3,3), c(2,3,4,3), c(1,4,3,3),
               c(1,3,2,2), c(2,4,3,3), c(1,4,3,3))
# school A in the earliest wave, on another questionnaire of the same respondent group
# ("example-five": the same constructs and items on a 1..5 scale)
a_five <- rows(c(2,4,4,4), c(1,4,3,4), c(2,5,4,3), c(1,3,4,4), c(2,4,5,4), c(1,5,4,4),
               c(2,4,3,4), c(1,4,4,5))

# person scores on 0..100: mean of the keyed items, then 100 * (s - 1) / 3
dem <- function(m) ((m[, 1] + (5 - m[, 2])) / 2 - 1) / 3 * 100
com <- function(m) ((m[, 3] + m[, 4]) / 2 - 1) / 3 * 100

dem5 <- function(m) ((m[, 1] + (6 - m[, 2])) / 2 - 1) / 4 * 100
com5 <- function(m) ((m[, 3] + m[, 4]) / 2 - 1) / 4 * 100

# Hedges' g with the exact correction J and the Hedges & Olkin normal interval (as TwoSampleComparison)
hedges <- function(x, y) {
  n1 <- length(x); n2 <- length(y); nu <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / nu)
  d <- (mean(x) - mean(y)) / sp
  J <- exp(lgamma(nu / 2) - 0.5 * log(nu / 2) - lgamma((nu - 1) / 2))
  se <- J * sqrt((n1 + n2) / (n1 * n2) + d^2 / (2 * (n1 + n2)))
  g <- J * d
  c(g = g, lower = g - qnorm(0.975) * se, upper = g + qnorm(0.975) * se)
}

compare <- function(label, pairs) {
  p <- sapply(pairs, function(xy) t.test(xy[[1]], xy[[2]])$p.value)
  adj <- p.adjust(p, method = "BH")
  for (i in seq_along(pairs)) {
    x <- pairs[[i]][[1]]; y <- pairs[[i]][[2]]
    t <- t.test(x, y)
    w <- wilcox.test(x, y, exact = FALSE, correct = TRUE)
    h <- hedges(x, y)
    cat(sprintf("%s %s: diff=%.12f ci=[%.12f, %.12f] welchP=%.12g mwP=%.12g bhP=%.12g g=%.12f [%.12f, %.12f]\n",
                label, names(pairs)[i], mean(x) - mean(y), t$conf.int[1], t$conf.int[2], t$p.value,
                w$p.value, adj[i], h["g"], h["lower"], h["upper"]))
  }
}

compare("partner", list(dem = list(dem(a_now), dem(b_now)), com = list(com(a_now), com(b_now))))
compare("earlier", list(dem = list(dem(a_now), dem(a_then)), com = list(com(a_now), com(a_then))))
compare("earliest", list(dem = list(dem(a_now), dem5(a_five)), com = list(com(a_now), com5(a_five))))

# problem matrix: school A against the median of the three schools' 0..100 means
median_test <- function(label, f) {
  m <- median(c(mean(f(a_now)), mean(f(b_now)), mean(f(c_now))))
  x <- f(a_now)
  cat(sprintf("median %s: M=%.12f p=%.12g d=%.12f\n", label, m, t.test(x, mu = m)$p.value, (mean(x) - m) / sd(x)))
  t.test(x, mu = m)$p.value
}
p <- c(median_test("dem", dem), median_test("com", com))
cat(sprintf("median BH: %s\n", paste(sprintf("%.12g", p.adjust(p, method = "BH")), collapse = " ")))
