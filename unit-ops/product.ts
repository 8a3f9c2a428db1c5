import type { UnitType } from '../core/unit-type';
import { compileSpecification, inspectSpecification, type SpecificationDecl } from './product-specification';

interface ProductParams {
  price?: number;
  specification?: SpecificationDecl;
}

/** Material leaving the plant: a saleable product, a residue or an effluent. */
export const product: UnitType<ProductParams> = {
  type: 'product',
  title: 'Product',
  description: 'Material leaving the plant: product, residue or effluent',
  role: 'sink',
  params: {
    price: { kind: 'number', unit: '$/kg of stream', min: 0, description: 'Value of the stream per kg' },
    specification: {
      kind: 'specification',
      unit: 'mass fraction',
      description: 'The grade the product must reach: min/max mass fractions of species or elements; the results say whether it does',
    },
  },
  ports: () => [{ name: 'in', direction: 'in', multiple: true, description: 'Streams leaving the plant here' }],
  compile(params, ctx) {
    const spec = params.specification && compileSpecification(params.specification, ctx);
    if (params.specification && !spec) return undefined;
    return {
      equations: () => {},
      ...(spec ? { inspect: (view, report) => inspectSpecification(spec, view, 'in', report) } : {}),
    };
  },
};
