export * from './operations.ts';
export * from './persisted.ts';
export * from './search-progress.ts';
