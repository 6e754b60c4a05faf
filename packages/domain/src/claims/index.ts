export * from './chinese-numbers.js';
export * from './claim-metrics.js';
export * from './normalize-text.js';
export * from './read-claims.js';
export * from './read-relations.js';
export * from './report-zones.js';
