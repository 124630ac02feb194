package org.uklad.school;

/** School categories of the regional programmes (seed 003). */
public enum SchoolCategory {
    /** ШНРО: persistently low educational results. */
    SHNRO,
    /** ШРССУ: working in difficult social conditions. */
    SHRSSU,
    /** ШУВРО: stable high results, able to mentor. */
    SHUVRO,
    OTHER
}
