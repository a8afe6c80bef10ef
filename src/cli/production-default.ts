/**
 * Imported first by the entry points: libraries read NODE_ENV once when they load (graphql-js
 * runs slower development checks on every `instanceof` unless it is `production`), so the
 * default the config gives NODE_ENV must be in the process environment before they load.
 */
process.env.NODE_ENV ??= 'production';
