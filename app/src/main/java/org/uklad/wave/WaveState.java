package org.uklad.wave;

public enum WaveState { NOT_YET_OPEN, OPEN, CLOSED }
