export * from './operations.ts';
export * from './persisted.ts';
