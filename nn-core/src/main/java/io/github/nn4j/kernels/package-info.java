/**
 * Element-wise kernels of the training step, each in two implementations: a plain Java loop over
 * the array's off-heap memory for small float arrays, where the loop finishes faster than one ND4J
 * native call is dispatched (10–30 µs), and ND4J's multi-threaded native operations for large
 * or double-precision arrays. Both compute the same formulas (up to float rounding: the Java
 * loops accumulate some sums in double); tests hold them to each other.
 */
package io.github.nn4j.kernels;
