# Reference values of the codebook's family context index (FamilyContextIndex), run by hand:
#
#   cd analysis/src/test/r && Rscript family_context.R
#
# Reads the parents' dataset written by golden.R (context items c1 1..6, c2 1..5, c3 0..4) and
# writes ../resources/golden/family_context.ref.csv (key,value with 17 significant digits).
d <- read.csv(file.path("..", "resources", "golden", "parents.csv"), na.strings = "NA")
items <- d[, c("c1", "c2", "c3")]
lowest <- c(1, 1, 0)
highest <- c(6, 5, 4)
# each item rescaled to 0-1: (code - lowest) / (highest - lowest)
R <- sweep(sweep(as.matrix(items), 2, lowest), 2, highest - lowest, "/")
# a family counts with at least 2 of the 3 items answered; its index = mean of its rescaled items
ok <- rowSums(!is.na(R)) >= 2
f <- rowMeans(R[ok, , drop = FALSE], na.rm = TRUE)
g <- d$group[ok]
keys <- c(); vals <- c()
put <- function(k, v) { keys <<- c(keys, k); vals <<- c(vals, sprintf("%.17g", v)) }
for (s in sort(unique(d$group))) {
  fs <- f[g == s]
  put(paste0("fam.", s, ".n"), length(fs))
  # school index: mean(f); share in the bottom third: mean(f < 1/3 - 1e-9)
  put(paste0("fam.", s, ".index"), mean(fs))
  put(paste0("fam.", s, ".bottom"), mean(fs < 1/3 - 1e-9))
}
writeLines(c("key,value", paste0(keys, ",", vals)), file.path("..", "resources", "golden", "family_context.ref.csv"))
