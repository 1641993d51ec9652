export * from './search-progress.ts';
