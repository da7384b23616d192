export * from './system';
export * from './units';
export * from './improvement';
export * from './synced';
export * from './training';
