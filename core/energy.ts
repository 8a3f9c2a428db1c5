/**
 * The temperature rows of a unit's outlets (FORMAT.md "Energy"). A unit with `T` sends every outlet
 * out at T; a feed leaves at its `T`, 25 °C unless given.
 *
 * Until the energy balance lands, a unit without `T` passes on 25 °C (this file is where the
 * adiabatic balance Σ out n·h(T) = Σ in n·h(T_in) + doses·h(25 °C) will be written).
 */
import type { CompiledFlowsheet } from './compile';
import type { UnitDecl } from './document';
import type { EquationBuilder, UnitState } from './unit-type';

export const T_REFERENCE = 298.15;

const kelvin = (celsius: number) => celsius + 273.15;

export function writeTemperatureRows(plant: CompiledFlowsheet, u: number, params: UnitDecl, eq: EquationBuilder, _state: UnitState): void {
  const unit = plant.units[u];
  const T = typeof params.T === 'number' ? kelvin(params.T) : T_REFERENCE;
  for (const s of unit.outlets.values()) {
    const v = plant.temperatureOffset + s;
    eq.begin(v, T);
    eq.term(v, 1);
  }
}

/** Whether a unit's temperature rows change with the state (an adiabatic balance). */
export function temperatureRowsAreNonlinear(_plant: CompiledFlowsheet, _u: number): boolean {
  return false;
}
