/**
 * The unit-op registry: adding a unit type is one module and one line here (then `npm run schema`
 * regenerates the published schema and the precompiled validators; a stale validators module is
 * ignored, and the schemas are compiled at run time instead).
 */
import { createRegistry } from '../core/unit-type';
import { usePrecompiledValidators } from '../core/validate';
import { precompiled } from './validators.generated';
import { feed } from './feed';
import { leach } from './leach';
import { precipitator } from './precipitator';
import { crystallizer } from './crystallizer';
import { roaster, calciner } from './roaster';
import { washer } from './washer';
import { mixer } from './mixer';
import { product } from './product';
import { reactor } from './reactor';
import { separator } from './separator';
import { splitter } from './splitter';
import { sx } from './sx';

export const registry = createRegistry([feed, product, mixer, splitter, separator, reactor, sx, leach, precipitator, crystallizer, roaster, calciner, washer]);
usePrecompiledValidators(registry, precompiled);
