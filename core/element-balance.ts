/**
 * The element accounts of a solved plant: reagents dosed, kg/h of every element in (feeds and
 * reagents) and out (products), and each product's recovery of every feed element and its grade.
 */
import { ATOMIC_WEIGHTS } from './chemistry';
import type { CompiledFlowsheet } from './compile';
import { dict } from './records';
import type { FlowsheetResults, ProductGrade, StreamResult } from './results';

/** Adds to `into` the kg/h of every element in the species vector of kmol/h at x[base]. */
type ElementMass = (base: number, into: Float64Array) => void;

/** A product (sink unit) and the streams that enter it. */
interface Sink {
  id: string;
  streams: number[];
}

type ElementAccounts = Pick<FlowsheetResults, 'reagents' | 'elements' | 'recovery' | 'grade'>;

export function elementAccounts(plant: CompiledFlowsheet, x: Float64Array, streams: Record<string, StreamResult>): ElementAccounts {
  const elementMass = elementMassOf(plant, x);
  const feedIn = feedElements(plant, elementMass);
  const { reagents, reagentIn } = reagentDoses(plant, x);
  const sinks = productSinks(plant);
  const out = new Float64Array(plant.species.elements.length);
  for (const sink of sinks) for (const s of sink.streams) elementMass(plant.streams[s].offset, out);
  const recovery: FlowsheetResults['recovery'] = dict();
  const grade: FlowsheetResults['grade'] = dict();
  for (const sink of sinks) {
    const product = productFlows(plant, streams, sink, elementMass);
    recovery[sink.id] = productRecovery(plant.species.elements, product.elements, feedIn);
    grade[sink.id] = productGrade(plant.species.elements, product);
  }
  return { reagents, elements: elementTable(plant.species.elements, feedIn, reagentIn, out), recovery, grade };
}

const atomicWeights = (elements: readonly string[]) => elements.map((el) => ATOMIC_WEIGHTS[el]);

function elementMassOf({ species }: CompiledFlowsheet, x: Float64Array): ElementMass {
  const S = species.list.length;
  const E = species.elements.length;
  const em = species.elementMatrix;
  const aw = atomicWeights(species.elements);
  return (base, into) => {
    for (let k = 0; k < S; k++) {
      const n = x[base + k];
      if (n === 0) continue;
      for (let e = 0; e < E; e++) {
        const a = em[e * S + k];
        if (a) into[e] += n * a * aw[e];
      }
    }
  };
}

/** kg/h of every element leaving the source units. */
function feedElements(plant: CompiledFlowsheet, elementMass: ElementMass): Float64Array {
  const feedIn = new Float64Array(plant.species.elements.length);
  for (const unit of plant.units) {
    if (unit.type.role === 'source') for (const s of unit.outlets.values()) elementMass(plant.streams[s].offset, feedIn);
  }
  return feedIn;
}

/** kg/h of each reagent dosed, by unit, and kg/h of every element they bring. */
function reagentDoses(plant: CompiledFlowsheet, x: Float64Array): { reagents: FlowsheetResults['reagents']; reagentIn: Float64Array } {
  const { list, elements, elementMatrix: em } = plant.species;
  const S = list.length;
  const E = elements.length;
  const aw = atomicWeights(elements);
  const reagentIn = new Float64Array(E);
  const reagents = dict<Record<string, number>>();
  for (const unit of plant.units) {
    if (!unit.model.reagents?.length) continue;
    const doses = dict<number>();
    for (const g of unit.model.reagents) {
      const n = x[unit.internalOffset + g.internal];
      doses[list[g.species].id] = n * list[g.species].molarMass;
      for (let e = 0; e < E; e++) reagentIn[e] += n * em[e * S + g.species] * aw[e];
    }
    reagents[unit.id] = doses;
  }
  return { reagents, reagentIn };
}

function productSinks(plant: CompiledFlowsheet): Sink[] {
  return plant.units.filter((unit) => unit.type.role === 'sink').map((unit) => ({ id: unit.id, streams: [...unit.inlets.values()].flat() }));
}

/** The elements that entered or left the plant: kg/h in (feeds and reagents) and out (products). */
function elementTable(elements: readonly string[], feedIn: Float64Array, reagentIn: Float64Array, out: Float64Array): FlowsheetResults['elements'] {
  const table: FlowsheetResults['elements'] = dict();
  elements.forEach((el, e) => {
    if (feedIn[e] + reagentIn[e] + out[e] > 0) table[el] = { in: feedIn[e] + reagentIn[e], out: out[e] };
  });
  return table;
}

/** kg/h of every element and of each species entering a product, and in all. */
function productFlows(plant: CompiledFlowsheet, streams: Record<string, StreamResult>, sink: Sink, elementMass: ElementMass) {
  const elements = new Float64Array(plant.species.elements.length);
  const species = dict<number>();
  let total = 0;
  for (const s of sink.streams) {
    elementMass(plant.streams[s].offset, elements);
    for (const [sp, m] of Object.entries(streams[plant.streams[s].id].massFlow)) {
      species[sp] = (species[sp] ?? 0) + m;
      total += m;
    }
  }
  return { elements, species, total };
}

/** Fraction of each feed element that leaves through the product. */
function productRecovery(elements: readonly string[], mass: Float64Array, feedIn: Float64Array): Record<string, number> {
  const recovery = dict<number>();
  elements.forEach((el, e) => {
    if (feedIn[e] > 0) recovery[el] = mass[e] / feedIn[e];
  });
  return recovery;
}

/** Mass fraction of each species and of each element in the product. */
function productGrade(elements: readonly string[], product: ReturnType<typeof productFlows>): ProductGrade {
  const { total } = product;
  const gradeElements = dict<number>();
  elements.forEach((el, e) => {
    if (total > 0 && product.elements[e] > 0) gradeElements[el] = product.elements[e] / total;
  });
  const gradeSpecies = dict<number>();
  if (total > 0) for (const [sp, m] of Object.entries(product.species)) gradeSpecies[sp] = m / total;
  return { massFlow: total, species: gradeSpecies, elements: gradeElements };
}
