export * from './system';
export * from './units';
