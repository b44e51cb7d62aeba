/**
 * Benchmarks against the running stack, started by the scripts in {@code bench/}. Class names end
 * in {@code Bench}, so neither Surefire nor Failsafe ever runs them: speed is measured and printed,
 * never asserted.
 */
package org.vmportal.bench;
