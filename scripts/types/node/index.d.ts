// Stands in for @types/node in the core type-check (tsconfig.core.json): @types/papaparse, which
// core/reconcile uses for CSV, says `/// <reference types="node" />` for its Node-stream overload,
// and would otherwise bring every Node global into core/. These are the only names it refers to.
declare namespace NodeJS {
  interface ReadableStream {}
}
declare module 'stream' {
  export class Duplex {}
}
