/**
 * The measured effect of a support measure: the difference in differences of a supported school's
 * change between two waves and the comparison schools' change over the same waves
 * ({@link org.uklad.analysis.effect.DifferenceInDifferences}).
 */
package org.uklad.analysis.effect;
