export * from './precision.ts';
export * from './categories.ts';
export * from './verification.ts';
export * from './calendar.ts';
export * from './incident.ts';
export * from './areas.ts';
export * from './ids.ts';
export * from './symbols.ts';
