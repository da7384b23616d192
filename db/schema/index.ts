export * from './system';
export * from './units';
export * from './synced';
export * from './training';
