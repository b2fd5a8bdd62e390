export * from './announcements';
export * from './auth';
export * from './errors';
export * from './health';
export * from './pagination';
export * from './realtime';
export * from './operations';
