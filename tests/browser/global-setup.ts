/**
 * One production build of the editor for every browser test file: built and served once before
 * the files run (they run one after another), closed after. A file reads the address with
 * `inject('site')` (harness.ts does).
 */
import type { TestProject } from 'vitest/node';
import { serveBuild, type Site } from './harness';

let site: Site | undefined;

export async function setup(project: TestProject) {
  site = await serveBuild();
  project.provide('site', site.url);
}

export async function teardown() {
  await site?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: string;
  }
}
