export * from './system';
export * from './units';
export * from './reports';
export * from './synced';
export * from './training';
export * from './exchange';
