export * from './system';
export * from './units';
export * from './reports';
export * from './improvement';
export * from './synced';
export * from './procedures';
export * from './training';
export * from './exchange';
