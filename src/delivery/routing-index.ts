export { globToRegExp } from '../core/glob.js';
export { createRouter, type Destinations } from './router.js';
