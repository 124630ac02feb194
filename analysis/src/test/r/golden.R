# Golden reference values for org.uklad.analysis (run by hand; CI does not run R).
#
#   cd analysis/src/test/r && Rscript golden.R
#
# Needs Debian's r-base-core, r-cran-psych, r-cran-multilevel, r-cran-cluster, r-cran-metafor.
# Writes the datasets (CSV, NA = missing, raw answers before reverse keying) and the reference
# values (key,value with 17 significant digits) into ../resources/golden/. The Java tests read the
# SAME data files and compare to these values with tolerance 1e-6. Every key below is produced by
# the R call written next to it; the Java tests cite the same call.
suppressPackageStartupMessages({
  library(psych)
  library(multilevel)
  library(cluster)
})
out_dir <- file.path("..", "resources", "golden")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

refs <- new.env()
put <- function(key, value) {
  stopifnot(length(value) == 1)
  assign(key, as.numeric(value), envir = refs)
}
write_refs <- function(file) {
  keys <- sort(ls(refs))
  vals <- vapply(keys, function(k) {
    v <- get(k, envir = refs)
    if (is.na(v)) "NaN" else sprintf("%.17g", v)
  }, "")
  writeLines(c("key,value", paste0(keys, ",", vals)), file.path(out_dir, file))
  rm(list = ls(refs), envir = refs)
}

# ---- generators ---------------------------------------------------------------------------------
# Likert answers min..max from a latent school effect + person effect, rounded and clipped;
# reverse-keyed items are stored raw (i.e. flipped), missing answers set at random.
likert <- function(groups, sizes, k, min, max, reversed, p_missing, school_sd, item_shift = 0) {
  grp <- rep(groups, sizes)
  school <- rnorm(length(groups), 0, school_sd)[rep(seq_along(groups), sizes)]
  person <- rnorm(length(grp), 0, 0.7)
  x <- sapply(seq_len(k), function(j) {
    v <- round((min + max) / 2 + item_shift + school + person + rnorm(length(grp), 0, 0.8) + (j %% 3 - 1) * 0.3)
    pmin(pmax(v, min), max)
  })
  x[, reversed] <- min + max - x[, reversed]
  x[matrix(runif(length(x)) < p_missing, nrow(x))] <- NA
  list(group = grp, x = x)
}

recode <- function(x, reversed, min, max) {
  x[, reversed] <- min + max - x[, reversed]
  x
}

# person score: mean of answered (recoded) items when at least ceil(share * J) are answered
person_score <- function(x, share = 2 / 3) {
  need <- max(1, ceiling(share * ncol(x) - 1e-9))
  answered <- rowSums(!is.na(x))
  s <- rowMeans(x, na.rm = TRUE)
  s[answered < need] <- NA
  s
}

# ---- scale, reliability and agreement references for one dataset --------------------------------
scale_refs <- function(prefix, group, x, reversed, min, max, fav_from) {
  r <- recode(x, reversed, min, max)
  s <- person_score(r)
  A <- max - min + 1
  groups <- c(sort(unique(group)), "ALL")
  for (g in groups) {
    rows <- if (g == "ALL") rep(TRUE, length(group)) else group == g
    sg <- s[rows]
    ok <- !is.na(sg)
    sc <- sg[ok]
    n <- length(sc)
    k <- paste0(prefix, ".", g, ".")
    put(paste0(k, "n"), n)                                   # length(na.omit(s))
    put(paste0(k, "mean"), mean(sc))                         # mean(s)
    put(paste0(k, "sd"), sd(sc))                             # sd(s)
    ci <- if (n > 1) t.test(sc)$conf.int else c(NA, NA)      # t.test(s)$conf.int
    put(paste0(k, "ci_lo"), ci[1])
    put(paste0(k, "ci_hi"), ci[2])
    put(paste0(k, "median"), median(sc))                     # median(s)
    put(paste0(k, "mean100"), mean(100 * (sc - min) / (max - min)))
    # every answer of the group, scored person or not, pooled over items
    ans <- r[rows, , drop = FALSE]
    a <- as.vector(ans)
    a <- a[!is.na(a)]
    put(paste0(k, "pfav"), 100 * mean(a >= fav_from))
    for (c in min:max) put(paste0(k, "share.", c), mean(a == c))
    # item figures count every answer to the item: colSums(!is.na), colMeans(na.rm), psych::describe
    desc <- psych::describe(as.data.frame(ans))
    item_n <- colSums(!is.na(ans))
    item_mean <- colMeans(ans, na.rm = TRUE)
    for (j in seq_len(ncol(r))) {
      put(paste0(k, "item.", j, ".n"), item_n[j])
      put(paste0(k, "item.", j, ".mean"), item_mean[j])
      put(paste0(k, "item.", j, ".sd"), desc$sd[j])
    }
    # reliability: psych::alpha(na.omit(recoded items of the group))
    cc <- na.omit(r[rows, , drop = FALSE])
    put(paste0(k, "cc_n"), nrow(cc))
    if (nrow(cc) >= 3) {
      al <- suppressWarnings(psych::alpha(as.data.frame(cc), check.keys = FALSE, warnings = FALSE))
      put(paste0(k, "alpha.raw"), al$total$raw_alpha)
      put(paste0(k, "alpha.std"), al$total$std.alpha)
      for (j in seq_len(ncol(r))) {
        put(paste0(k, "alpha.rdrop.", j), al$item.stats$r.drop[j])
        put(paste0(k, "alpha.drop.", j), al$alpha.drop$raw_alpha[j])
      }
    }
  }
  # agreement: multilevel::rwg.j(recoded, group, ranvar = (A^2-1)/12), ad.m(..., type = "mean"|"median")
  rw <- rwg.j(r, group, ranvar = (A^2 - 1) / 12)
  adm <- ad.m(r, group, type = "mean")
  admd <- ad.m(r, group, type = "median")
  for (i in seq_len(nrow(rw))) {
    k <- paste0(prefix, ".", rw$grpid[i], ".")
    put(paste0(k, "rwg"), rw$rwg.j[i])
    put(paste0(k, "rwg_n"), rw$gsize[i])
    put(paste0(k, "ad_mean"), adm$AD.M[i])
    put(paste0(k, "ad_median"), admd$AD.M[i])
  }
  # ICC: multilevel::ICC1(aov(s ~ as.factor(group))), ICC2(...)
  mod <- aov(s ~ as.factor(group))
  put(paste0(prefix, ".icc1"), ICC1(mod))
  put(paste0(prefix, ".icc2"), ICC2(mod))
  invisible(s)
}

two_sample_refs <- function(prefix, x, y) {
  n1 <- length(x); n2 <- length(y)
  tt <- t.test(x, y)                                          # Welch (var.equal = FALSE)
  put(paste0(prefix, ".welch.t"), tt$statistic)
  put(paste0(prefix, ".welch.df"), tt$parameter)
  put(paste0(prefix, ".welch.p"), tt$p.value)
  put(paste0(prefix, ".welch.ci_lo"), tt$conf.int[1])
  put(paste0(prefix, ".welch.ci_hi"), tt$conf.int[2])
  w <- wilcox.test(x, y, exact = FALSE, correct = TRUE)       # Mann-Whitney
  put(paste0(prefix, ".mw.U"), w$statistic)
  put(paste0(prefix, ".mw.p"), w$p.value)
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / (n1 + n2 - 2))
  d <- (mean(x) - mean(y)) / sp                               # Cohen's d, pooled SD
  se_d <- sqrt((n1 + n2) / (n1 * n2) + d^2 / (2 * (n1 + n2))) # Hedges & Olkin (1985) 5.14
  # Hedges' g (exact J) with the same large-sample variance at g: metafor::escalc("SMD"), vtype "LS"
  es_g <- metafor::escalc("SMD", m1i = mean(x), sd1i = sd(x), n1i = n1, m2i = mean(y), sd2i = sd(y),
                          n2i = n2)
  z <- qnorm(0.975)
  put(paste0(prefix, ".d"), d)
  put(paste0(prefix, ".d_lo"), d - z * se_d)
  put(paste0(prefix, ".d_hi"), d + z * se_d)
  put(paste0(prefix, ".g"), es_g$yi[1])
  put(paste0(prefix, ".g_lo"), es_g$yi[1] - z * sqrt(es_g$vi[1]))
  put(paste0(prefix, ".g_hi"), es_g$yi[1] + z * sqrt(es_g$vi[1]))
  put(paste0(prefix, ".cliff"), mean(sign(outer(x, y, "-"))))  # Cliff's delta
  tt$p.value
}

paired_refs <- function(prefix, x, y) {
  ok <- !is.na(x) & !is.na(y)
  x <- x[ok]; y <- y[ok]
  put(paste0(prefix, ".n"), length(x))
  put(paste0(prefix, ".mean"), mean(x - y))
  tt <- t.test(x, y, paired = TRUE)
  put(paste0(prefix, ".t"), tt$statistic)
  put(paste0(prefix, ".p"), tt$p.value)
  put(paste0(prefix, ".ci_lo"), tt$conf.int[1])
  put(paste0(prefix, ".ci_hi"), tt$conf.int[2])
  w <- wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)
  put(paste0(prefix, ".V"), w$statistic)
  put(paste0(prefix, ".wp"), w$p.value)
}

write_data <- function(file, group, x, names) {
  d <- data.frame(group = group, x)
  names(d) <- c("group", names)
  write.csv(d, file.path(out_dir, file), row.names = FALSE, na = "NA", quote = FALSE)
}

# ================= dataset 1: teachers, 8 schools of unequal size, real + ideal ==================
set.seed(20240901)
t_groups <- sprintf("T%02d", 1:8)
t_sizes <- c(4, 7, 12, 20, 33, 9, 51, 15)
real <- likert(t_groups, t_sizes, 6, 1, 5, c(2, 5), 0.08, 0.6)
ideal <- real$x
ideal_r <- recode(ideal, c(2, 5), 1, 5)
ideal_r <- pmax(pmin(ideal_r + sample(c(-1, 0, 1, 1, 2), length(ideal_r), replace = TRUE), 5), 1)
ideal <- recode(ideal_r, c(2, 5), 1, 5)
ideal[matrix(runif(length(ideal)) < 0.05, nrow(ideal))] <- NA
write_data("teachers.csv", real$group, cbind(real$x, ideal), c(paste0("r", 1:6), paste0("i", 1:6)))
s_real <- scale_refs("real", real$group, real$x, c(2, 5), 1, 5, 4)
s_ideal <- person_score(recode(ideal, c(2, 5), 1, 5))
# real vs ideal, school T07 and all teachers: scale scores and item 1 (recoded)
rr <- recode(real$x, c(2, 5), 1, 5); ir <- recode(ideal, c(2, 5), 1, 5)
sel <- real$group == "T07"
paired_refs("gap.T07.scale", s_real[sel], s_ideal[sel])
paired_refs("gap.ALL.scale", s_real, s_ideal)
for (j in 1:6) paired_refs(paste0("gap.ALL.item.", j), rr[, j], ir[, j])
p1 <- two_sample_refs("cmp.T07_T05", na.omit(s_real[real$group == "T07"]), na.omit(s_real[real$group == "T05"]))
p2 <- two_sample_refs("cmp.T04_T08", na.omit(s_real[real$group == "T04"]), na.omit(s_real[real$group == "T08"]))
write_refs("teachers.ref.csv")

# ================= dataset 2: students, 4-point items, 10 items, 5 classes ======================
set.seed(77)
s_groups <- c("S1", "S2", "S3", "S4", "S5")
stud <- likert(s_groups, c(3, 25, 40, 18, 60), 10, 1, 4, c(3, 7, 9), 0.12, 0.4, item_shift = 0.3)
write_data("students.csv", stud$group, stud$x, paste0("q", 1:10))
s_stud <- scale_refs("stud", stud$group, stud$x, c(3, 7, 9), 1, 4, 3)
p3 <- two_sample_refs("cmp.S3_S5", na.omit(s_stud[stud$group == "S3"]), na.omit(s_stud[stud$group == "S5"]))
p4 <- two_sample_refs("cmp.S2_S4", na.omit(s_stud[stud$group == "S2"]), na.omit(s_stud[stud$group == "S4"]))
# Benjamini-Hochberg over the four comparisons' Welch p-values: p.adjust(p, method = "BH")
bh <- p.adjust(c(p1, p2, p3, p4), method = "BH")
for (i in 1:4) put(paste0("bh.", i), bh[i])
write_refs("students.ref.csv")

# ================= dataset 3: parents, 12 schools, scale + context block ========================
set.seed(4242)
p_groups <- sprintf("P%02d", 1:12)
p_sizes <- c(30, 45, 6, 3, 22, 17, 60, 11, 8, 25, 14, 40)
par <- likert(p_groups, p_sizes, 4, 1, 5, c(4), 0.2, 0.5)
ses <- rnorm(12)[rep(1:12, p_sizes)] + rnorm(sum(p_sizes), 0, 1)
ctx <- cbind(
  pmin(pmax(round(3.5 + ses), 1), 6),          # parents' education, 1..6
  pmin(pmax(round(3 + 0.8 * ses + rnorm(length(ses), 0, 0.7)), 1), 5), # books at home 1..5
  pmin(pmax(round(2 + 0.6 * ses + rnorm(length(ses), 0, 0.8)), 0), 4)) # family resources 0..4
ctx[matrix(runif(length(ctx)) < 0.1, nrow(ctx))] <- NA
write_data("parents.csv", par$group, cbind(par$x, ctx), c(paste0("p", 1:4), paste0("c", 1:3)))
scale_refs("par", par$group, par$x, c(4), 1, 5, 4)
# the codebook's family context index of c1..c3: family_context.R (reads parents.csv)
write_refs("parents.ref.csv")

# ================= dataset 4: 60 schools' indices, results and context ==========================
set.seed(9001)
centers <- rbind(c(2, 2, -1, 0), c(-2, 0, 2, 1), c(0, -2, -1, -2))
lab <- rep(1:3, c(25, 20, 15))
idx <- centers[lab, ] + matrix(rnorm(60 * 4, 0, 0.5), 60)
idx <- sweep(sweep(idx, 2, c(0.5, 2, 1, 0.25), "*"), 2, c(3, 3.5, 2.8, 60), "+")
context <- rnorm(60)
result <- 50 + 8 * context + rnorm(60, 0, 5)
schools <- data.frame(school = sprintf("N%02d", 1:60), idx1 = idx[, 1], idx2 = idx[, 2], idx3 = idx[, 3],
                      idx4 = idx[, 4], context = context, result = result, truth = lab)
write.csv(schools, file.path(out_dir, "schools.csv"), row.names = FALSE, quote = FALSE)
# norms: as.vector(scale(idx1)); 100 * (rank(idx1) - 0.5) / 60
z <- as.vector(scale(schools$idx1))
pr <- 100 * (rank(schools$idx1) - 0.5) / nrow(schools)
for (i in 1:60) {
  put(paste0("norm.", schools$school[i], ".z"), z[i])
  put(paste0("norm.", schools$school[i], ".pr"), pr[i])
}
# OLS: fit <- lm(result ~ context)
fit <- lm(result ~ context, data = schools)
put("ols.b0", coef(fit)[1]); put("ols.b1", coef(fit)[2]); put("ols.r2", summary(fit)$r.squared)
for (i in 1:60) put(paste0("ols.res.", schools$school[i]), residuals(fit)[i])
# clustering reference: kmeans(scale(idx), 3, nstart = 50)$tot.withinss and the silhouette of the
# true labelling, cluster::silhouette(truth, dist(scale(idx)))
X <- scale(as.matrix(schools[, 2:5]))
set.seed(1)
km <- kmeans(X, 3, nstart = 50)
put("km3.totwithinss", km$tot.withinss)
sil <- silhouette(schools$truth, dist(X))
put("sil.truth.mean", mean(sil[, "sil_width"]))
for (i in 1:60) put(paste0("sil.truth.", schools$school[i]), sil[i, "sil_width"])
write_refs("schools.ref.csv")

# ================= BH on a fixed vector with ties and NA: p.adjust(p, "BH") =====================
p <- c(0.01, 0.04, 0.03, NA, 0.04, 0.5, 0.001, 0.2)
bh <- p.adjust(p, method = "BH")
for (i in seq_along(p)) put(paste0("bh.fixed.", i), bh[i])
write_refs("bh.ref.csv")
cat("golden references written to", normalizePath(out_dir), "\n")
