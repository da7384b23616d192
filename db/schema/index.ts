export * from './system';
export * from './units';
export * from './reports';
export * from './improvement';
export * from './synced';
export * from './training';
export * from './exchange';
