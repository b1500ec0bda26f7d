// Display names for domain codes, by track; see labels/label.ts for why they are explicit tables.
export * from './labels/cases';
export * from './labels/hotline';
export * from './labels/enforcement';
