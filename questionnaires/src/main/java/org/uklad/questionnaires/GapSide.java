package org.uklad.questionnaires;

/** Which half of a real-vs-ideal pair an item is: the school as it is now, or as it should be. */
public enum GapSide { NOW, IDEAL }
