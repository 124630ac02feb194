# Reference values for WaveOverviewTest, on the data in app/src/test/resources/overview/.
# Run in app/:  Rscript src/test/java/org/uklad/overview/overview.R
# Writes src/test/resources/overview/overview.ref.csv (name,value).
suppressPackageStartupMessages(library(cluster))
dir <- "src/test/resources/overview"
out <- list()
put <- function(name, value) out[[name]] <<- value

# --- family context index (the codebook's, FamilyContextIndex): each coded item rescaled to 0-1 as
# (code - lowest) / (highest - lowest) with the items' codes 1..5, 1..5, 1..3; a family counts with
# at least 2 of the 3 items and its index is the mean of its rescaled items; a school's index is
# the mean over its families, its bottom-third share mean(f < 1/3 - 1e-9); suppressed below 5 families.
p <- read.csv(file.path(dir, "parents_context.csv"), na.strings = "NA")
items <- as.matrix(p[, c("ctx_education", "ctx_books", "ctx_employment")])
R <- sweep(sweep(items, 2, c(1, 1, 1)), 2, c(5, 5, 3) - c(1, 1, 1), "/")
keep <- rowSums(!is.na(R)) >= 2
f <- rowMeans(R[keep, , drop = FALSE], na.rm = TRUE)
school <- p$school[keep]
ctx <- sapply(split(f, school), function(fs) if (length(fs) < 5) NA else mean(fs))
bottom <- sapply(split(f, school), function(fs) if (length(fs) < 5) NA else mean(fs < 1/3 - 1e-9))
for (g in names(ctx)) if (!is.na(ctx[[g]])) {
  put(paste0("ctx.", g), ctx[[g]])
  put(paste0("bottom.", g), bottom[[g]])
}

# --- resilience: lm(result ~ context) over the schools with both
res <- read.csv(file.path(dir, "results.csv"))
d <- data.frame(school = names(ctx), context = unname(ctx))
d <- merge(d[!is.na(d$context), ], res, by = "school")
fit <- lm(result ~ context, data = d)
put("ols.b0", coef(fit)[[1]])
put("ols.b1", coef(fit)[[2]])
put("ols.r2", summary(fit)$r.squared)
put("ols.sigma", sigma(fit))
e <- residuals(fit)
q <- quantile(d$result, c(1/3, 2/3))  # type 7, R's default
put("q.low", q[[1]])
put("q.high", q[[2]])
for (i in seq_len(nrow(d))) {
  g <- d$school[i]
  put(paste0("ols.res.", g), e[[i]])
  put(paste0("beats.", g), as.numeric(e[[i]] >= sigma(fit)))
  low <- d$result[i] < q[[1]]
  put(paste0("low.", g), as.numeric(low))
  if (low) {
    # partners: result >= upper tertile, nearest standardized context first, then by key
    cand <- d[d$result >= q[[2]] & d$school != g, ]
    dist <- abs(cand$context - d$context[i]) / sd(d$context)
    cand <- cand[order(dist, cand$school), ]
    top <- head(cand$school, 3)
    for (j in seq_along(top)) put(paste0("partner.", g, ".", j), as.numeric(sub("S", "", top[j])))
  }
}

# --- clusters: k-means on scale(profiles), k in 2..min(6, n-1) by the mean silhouette width
pr <- read.csv(file.path(dir, "profiles.csv"))
x <- scale(as.matrix(pr[, -1]))
dx <- dist(x)
best <- NULL
for (k in 2:min(6, nrow(x) - 1)) {
  set.seed(42)
  km <- kmeans(x, centers = k, nstart = 50, iter.max = 100)
  s <- mean(silhouette(km$cluster, dx)[, 3])
  if (is.null(best) || s > best$s + 1e-12) best <- list(k = k, km = km, s = s)
}
put("km.k", best$k)
put("km.totwithinss", best$km$tot.withinss)
put("km.silhouette.mean", best$s)
sil <- silhouette(best$km$cluster, dx)[, 3]
for (i in seq_len(nrow(x))) {
  put(paste0("km.cluster.", pr$school[i]), best$km$cluster[[i]])
  put(paste0("km.silhouette.", pr$school[i]), sil[[i]])
}

ref <- data.frame(name = names(out), value = sprintf("%.15g", unlist(out)))
write.csv(ref, file.path(dir, "overview.ref.csv"), row.names = FALSE, quote = FALSE)
