export { globToRegExp } from './glob.js';
export { createRouter, type Destinations } from './router.js';
