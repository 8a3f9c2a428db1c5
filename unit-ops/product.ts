import type { UnitType } from '../core/unit-type';

interface ProductParams {
  price?: number;
}

/** Material leaving the plant: a saleable product, a residue or an effluent. */
export const product: UnitType<ProductParams> = {
  type: 'product',
  title: 'Product',
  description: 'Material leaving the plant: product, residue or effluent',
  role: 'sink',
  params: {
    price: { kind: 'number', unit: '$/kg of stream', min: 0, description: 'Value of the stream per kg' },
  },
  ports: () => [{ name: 'in', direction: 'in', multiple: true, description: 'Streams leaving the plant here' }],
  compile: () => ({ equations: () => {} }),
};
