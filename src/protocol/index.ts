export * from './model.js';
export * from './frames.js';
