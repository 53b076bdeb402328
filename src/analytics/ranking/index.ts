/** Monthly department ranking (002 三(三), 003 七) and the 约谈问责 ladder (003 八). Pure functions, no I/O. */
export * from './score';
export * from './ranking';
export * from './accountability';
