// The two platform globals core/ uses beyond ES2023, present in browsers, Web Workers and Node
// alike. The core type-check (tsconfig.core.json) sees these instead of the DOM or Node types.
declare const performance: { now(): number };
declare function structuredClone<T>(value: T): T;
