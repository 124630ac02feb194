# Reference values for org.uklad.dashboard.ComparisonsTest: the comparisons of a school with its
# partner school and with its earlier waves, and the problem-matrix test against the wave's median,
# computed in base R on exactly the answers the test stores through the app.
# Run in app/:  Rscript src/test/r/comparisons.R
# Reads src/test/resources/comparisons/answers.csv (one row per respondent: the data set, then
# dem1, dem2 (reverse-keyed), com1, com2 of the example questionnaire; NA = not answered) and writes
# src/test/resources/comparisons/comparisons.ref.csv (name,value): per comparison and construct
# the difference, its interval, the Welch, Mann-Whitney and BH-adjusted p, Hedges' g with its
# interval and the verdict by the documented rule (indices/Verdict).
dir <- "src/test/resources/comparisons"
answers <- read.csv(file.path(dir, "answers.csv"), na.strings = "NA")
set <- function(name) as.matrix(answers[answers$set == name, c("dem1", "dem2", "com1", "com2")])
a_now <- set("a_now")    # school A now
b_now <- set("b_now")    # its partner B now
c_now <- set("c_now")    # a third school C now (the wave's median school)
a_then <- set("a_then")  # school A in the earlier wave
# school A in the earliest wave, on another questionnaire of the same respondent group
# ("example-five": the same constructs and items on a 1..5 scale)
a_five <- set("a_five")

out <- list()
put <- function(name, value) out[[name]] <<- value

# person scores on 0..100: mean of the keyed items, then 100 * (s - 1) / (points - 1)
dem <- function(m) ((m[, 1] + (5 - m[, 2])) / 2 - 1) / 3 * 100
com <- function(m) ((m[, 3] + m[, 4]) / 2 - 1) / 3 * 100
dem5 <- function(m) ((m[, 1] + (6 - m[, 2])) / 2 - 1) / 4 * 100
com5 <- function(m) ((m[, 3] + m[, 4]) / 2 - 1) / 4 * 100

# Hedges' g (exact correction J) and its interval from metafor::escalc("SMD") with its default
# vtype = "LS": var(g) = 1/n1 + 1/n2 + g^2 / (2 (n1 + n2)) (Hedges & Olkin 1985, as TwoSampleComparison)
hedges <- function(x, y) {
  es <- metafor::escalc("SMD", m1i = mean(x), sd1i = sd(x), n1i = length(x),
                        m2i = mean(y), sd2i = sd(y), n2i = length(y))
  se <- sqrt(es$vi)
  c(g = es$yi[1], lower = es$yi[1] - qnorm(0.975) * se, upper = es$yi[1] + qnorm(0.975) * se)
}

# indices/Verdict: clear when the BH-adjusted p < 0.05 and |effect| >= 0.2, then by the sign
verdict <- function(difference, adjusted, effect) {
  if (!(adjusted < 0.05) || !(abs(effect) >= 0.2)) "NO_CLEAR_DIFFERENCE"
  else if (difference > 0) "HIGHER" else if (difference < 0) "LOWER" else "NO_CLEAR_DIFFERENCE"
}

compare <- function(label, pairs) {
  p <- sapply(pairs, function(xy) t.test(xy[[1]], xy[[2]])$p.value)
  adj <- p.adjust(p, method = "BH")
  for (i in seq_along(pairs)) {
    x <- pairs[[i]][[1]]; y <- pairs[[i]][[2]]
    t <- t.test(x, y)
    w <- wilcox.test(x, y, exact = FALSE, correct = TRUE)
    h <- hedges(x, y)
    at <- paste0(label, ".", names(pairs)[i], ".")
    put(paste0(at, "difference"), mean(x) - mean(y))
    put(paste0(at, "ciLower"), t$conf.int[1])
    put(paste0(at, "ciUpper"), t$conf.int[2])
    put(paste0(at, "welchP"), t$p.value)
    put(paste0(at, "mannWhitneyP"), w$p.value)
    put(paste0(at, "adjustedP"), adj[i])
    put(paste0(at, "hedgesG"), h[["g"]])
    put(paste0(at, "hedgesGLower"), h[["lower"]])
    put(paste0(at, "hedgesGUpper"), h[["upper"]])
    put(paste0(at, "verdict"), verdict(mean(x) - mean(y), adj[i], h[["g"]]))
  }
}

compare("partner", list(teacher_demandingness = list(dem(a_now), dem(b_now)), comfort = list(com(a_now), com(b_now))))
compare("earlier", list(teacher_demandingness = list(dem(a_now), dem(a_then)), comfort = list(com(a_now), com(a_then))))
compare("earliest", list(teacher_demandingness = list(dem(a_now), dem5(a_five)), comfort = list(com(a_now), com5(a_five))))

# problem matrix: school A against the median of the three schools' 0..100 means,
# t.test(x, mu = M) with Cohen's d = (mean(x) - M) / sd(x), BH over the constructs
scales <- list(teacher_demandingness = dem, comfort = com)
m <- sapply(scales, function(f) median(c(mean(f(a_now)), mean(f(b_now)), mean(f(c_now)))))
p <- sapply(names(scales), function(k) t.test(scales[[k]](a_now), mu = m[[k]])$p.value)
adj <- p.adjust(p, method = "BH")
for (k in names(scales)) {
  x <- scales[[k]](a_now)
  d <- (mean(x) - m[[k]]) / sd(x)
  put(paste0("median.", k, ".median"), m[[k]])
  put(paste0("median.", k, ".welchP"), p[[k]])
  put(paste0("median.", k, ".adjustedP"), adj[[k]])
  put(paste0("median.", k, ".cohenD"), d)
  put(paste0("median.", k, ".verdict"), verdict(mean(x) - m[[k]], adj[[k]], d))
}

value <- sapply(out, function(v) if (is.character(v)) v else sprintf("%.17g", v))
write.csv(data.frame(name = names(out), value = value), file.path(dir, "comparisons.ref.csv"),
          row.names = FALSE, quote = FALSE)
