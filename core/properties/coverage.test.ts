/** Every species the shipped plants declare has built-in volume, ΔfH° and Cp data. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSpeciesId } from '../chemistry';
import { speciesData } from './lookup';

const PLANTS = ['black-mass.json', 'ndfeb-magnet.json', 'dual-feed.json'];

function declared(file: string): [string, string | undefined][] {
  const url = new URL(`../../flowsheets/${file}`, import.meta.url);
  const doc = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { species: Record<string, { formula?: string }> };
  return Object.entries(doc.species).map(([id, d]) => [id, d?.formula]);
}

describe.each(PLANTS)('%s', (file) => {
  it('every species has a density or molar volume (gases: Nm³), ΔfH° and Cp', () => {
    const gaps: string[] = [];
    for (const [id, formula] of declared(file)) {
      const info = parseSpeciesId(id, formula);
      const d = speciesData(info);
      const volume = info.phase === 'g' || d.density !== undefined || d.molarVolume !== undefined;
      if (!volume) gaps.push(`${id}: volume`);
      if (d.Hf === undefined) gaps.push(`${id}: Hf`);
      if (d.cp === undefined) gaps.push(`${id}: cp`);
    }
    expect(gaps).toEqual([]);
  });
});
