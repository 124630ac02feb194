package org.uklad.wave;

/** Monitoring waves of the programmes: entry, interim and final ("входной, промежуточный, итоговый"). */
public enum WaveKind { ENTRY, INTERIM, FINAL }
