export type { Dataset, DemoAnchors, GeneratedMember, GeneratedOrg, Scale } from './generate.js';
export { generateDataset } from './generate.js';
