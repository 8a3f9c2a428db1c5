/**
 * Random streams of a Monte Carlo study, reproducible whatever the number of workers. The samples
 * are cut into blocks of BLOCK_SIZE; block b draws from the xoroshiro128+ generator of the study's
 * seed jumped b times (pure-rand: each jump() moves 2⁶⁴ draws ahead, so the blocks' streams never
 * overlap). A worker is given whole blocks with their generator states, so sample i gets the same
 * numbers with 1 worker or 40; the states are computed once, in order, by the scheduler.
 * Within a block, sample s takes its P uniforms in parameter order: u = uniformFloat64 (53 bits).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

const BLOCK_SIZE = 256;

export interface Block {
  index: number;
  /** First sample of the block. */
  start: number;
  count: number;
  /** Generator state at the block's first draw (pure-rand getState()). */
  state: number[];
}

/** Every block of a study of `samples` samples from `seed`. */
export function blocks(seed: number, samples: number, size = BLOCK_SIZE): Block[] {
  const rng = xoroshiro128plus(seed);
  const out: Block[] = [];
  for (let index = 0, start = 0; start < samples; index++, start += size) {
    out.push({ index, start, count: Math.min(size, samples - start), state: [...rng.getState()] });
    rng.jump();
  }
  return out;
}

/** The uniforms of a block: count × P numbers in [0, 1), sample by sample. */
export function uniforms(block: Block, parameters: number): Float64Array {
  const rng = xoroshiro128plusFromState(block.state);
  const u = new Float64Array(block.count * parameters);
  for (let i = 0; i < u.length; i++) u[i] = uniformFloat64(rng);
  return u;
}
