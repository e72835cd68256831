/**
 * The evaluator's elements (`<minyi-scoreboard>`), built on chart.js and loaded only by evaluator
 * pages, so that nothing of them reaches the resident-facing script.
 */
export {};
