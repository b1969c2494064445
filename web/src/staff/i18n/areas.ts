// The staff namespace, one line per area: each area keeps its texts in <area>.en.json and
// <area>.ar.json beside a two-line <area>.ts, and they are read as t('<area>.<key>') in 'staff'.
export { default as calendar } from './calendar';
export { default as centres } from './centres';
export { default as customers } from './customers';
export { default as dashboard } from './dashboard';
export { default as hall } from './hall';
export { default as integrations } from './integrations';
export { default as people } from './people';
export { default as services } from './services';
export { default as shell } from './shell';
