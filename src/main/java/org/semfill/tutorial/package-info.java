/**
 * The tutorial's runnable chapters: each has a {@code main} and a {@code run(outDir, seed)} that makes its data,
 * draws its charts, writes the PNGs and says what they show; small maths helpers sit beside them so tests can check
 * the numbers behind every figure. May import everything below it ({@code charts}, {@code completion} and {@code completion.evaluation}, {@code quality},
 * {@code gan} ... {@code internal}), and {@code reference}, whose textbook layers {@code ConvolutionByHand} runs on
 * numbers small enough to check by hand; only {@code cli} imports this package.
 */
package org.semfill.tutorial;
