/**
 * The parameter panel of a unit, generated from its type's declarations: one field per declared
 * parameter, the widget chosen by its kind, with its unit of measure, bounds and description.
 */
import type { AnyUnitType, Diagnostic, ParamDecl, UnitDecl } from '../../../core';
import { setOutlets, setParam } from '../../state/commands';
import { summarize } from '../../state/doc';
import { resetParam } from '../../state/mode-edits';
import { hasOwn } from '../../state/own';
import { pathSegments } from '../../state/diagnostics-map';
import { describeBounds } from '../../state/validate';
import { useServices } from '../context';
import { FlowsEditor } from './FlowsEditor';
import { FractionsEditor, NamesEditor, SelectorFractionsEditor, SelectorSplitsEditor } from './ListEditors';
import { DistributionEditor, JsonEditor, ReagentsEditor } from './MiscEditors';
import { NumberInput, TextInput } from './NumberInput';
import { ReactionEditor, type ReactionSpec } from './ReactionEditor';

interface FieldProps {
  unitId: string;
  unit: UnitDecl;
  type: AnyUnitType;
  name: string;
  decl: ParamDecl;
  problems: Diagnostic[];
  /** Edits go to this mode (undefined: the base flowsheet). */
  mode: string | undefined;
  /** The base unit, when the values shown are a mode's: its value is shown beside an override. */
  base?: UnitDecl;
  /** The mode overrides this parameter. */
  overridden: boolean;
}

/** The parameter a diagnostic's path is about: `units.<id>.<param>…` or `modes.<m>.units.<id>.<param>…`. */
export function paramOfPath(path: string, unitId: string): string | undefined {
  const seg = pathSegments(path);
  const at = seg[0] === 'units' ? 1 : seg[0] === 'modes' && seg[2] === 'units' ? 3 : -1;
  return at > 0 && seg[at] === unitId && typeof seg[at + 1] === 'string' ? (seg[at + 1] as string) : undefined;
}

/** The outlet names a fractions/splits parameter refers to: the unit's `names` parameter. */
function outletNames(type: AnyUnitType, unit: UnitDecl): string[] {
  const names = Object.entries(type.params).find(([, d]) => d.kind === 'names')?.[0];
  const v = names ? unit[names] : undefined;
  return Array.isArray(v) ? (v as string[]) : [];
}

function ParamField({ unitId, unit, type, name, decl, problems, mode, base, overridden }: FieldProps) {
  const { store } = useServices();
  const value = unit[name];
  const commit = (v: unknown) => store.execute(setParam(unitId, name, v, mode));
  const label = `${unitId} ${name}`;
  let widget;
  if (decl.schema) widget = <JsonEditor label={label} value={value} onCommit={commit} />;
  else
    switch (decl.kind) {
      case 'number':
      case 'integer':
        widget = (
          <span className="row">
            <NumberInput label={label} value={typeof value === 'number' ? value : undefined} bounds={{ ...decl, kind: decl.kind }} allowEmpty={!decl.required} onCommit={commit} />
            {decl.unit && <span className="unit">{decl.unit}</span>}
          </span>
        );
        break;
      case 'text':
        widget = <TextInput label={label} value={typeof value === 'string' ? value : ''} onCommit={(v) => commit(v === '' && !decl.required ? undefined : v)} />;
        break;
      case 'speciesAmounts':
        widget = <FlowsEditor label={label} value={value as Record<string, number>} onCommit={commit} />;
        break;
      case 'names':
        widget = <NamesEditor label={label} value={value as string[]} onCommit={(v) => store.execute(setOutlets(unitId, name, v, mode))} />;
        break;
      case 'fractions':
        widget = <FractionsEditor label={label} value={value as Record<string, number>} names={outletNames(type, unit)} onCommit={commit} />;
        break;
      case 'selectorFractions':
        widget = <SelectorFractionsEditor label={label} value={value as Record<string, number>} onCommit={commit} />;
        break;
      case 'selectorSplits':
        widget = <SelectorSplitsEditor label={label} value={value as Record<string, Record<string, number>>} names={outletNames(type, unit)} onCommit={commit} />;
        break;
      case 'reactions':
        widget = <ReactionEditor label={label} value={value as ReactionSpec[]} onCommit={commit} />;
        break;
      case 'reagents':
        widget = <ReagentsEditor label={label} value={value as never} onCommit={commit} />;
        break;
      case 'distribution':
        widget = <DistributionEditor label={label} value={value as never} onCommit={commit} />;
        break;
      default:
        widget = <JsonEditor label={label} value={value} onCommit={commit} />;
    }
  const bounds = decl.kind === 'number' || decl.kind === 'integer' ? describeBounds(decl) : '';
  return (
    <div className={`param${problems.length ? ' has-error' : ''}${overridden ? ' overridden' : ''}`} data-param={name} data-overridden={overridden || undefined}>
      <div className="param-head">
        <span className="param-name">
          {name}
          {decl.required ? <span className="required" title="required">*</span> : null}
        </span>
        {decl.unit && decl.kind !== 'number' && decl.kind !== 'integer' && <span className="unit">[{decl.unit}]</span>}
        {bounds && <span className="bounds">{bounds}</span>}
        {!decl.required && value !== undefined && (
          <button type="button" className="link" onClick={() => commit(undefined)} title="Remove this optional parameter">
            clear
          </button>
        )}
      </div>
      <div className="param-desc">{decl.description}</div>
      {overridden && mode !== undefined && base && (
        <div className="override" data-override={name}>
          <span className="scope-tag mode">mode “{mode}”</span>
          <span className="base-value" title={JSON.stringify(base[name] ?? null)}>
            base: {summarize(base[name])}
          </span>
          <button type="button" className="link" onClick={() => store.execute(resetParam(mode, unitId, name))}>
            use base value
          </button>
        </div>
      )}
      {widget}
      {problems.map((d, i) => (
        <div key={i} className="field-error solver-problem">
          {d.message}
        </div>
      ))}
    </div>
  );
}

export function ParamPanel({
  unitId,
  unit,
  type,
  diagnostics,
  mode,
  base,
  patch,
}: {
  unitId: string;
  unit: UnitDecl;
  type: AnyUnitType;
  diagnostics: readonly Diagnostic[];
  mode?: string;
  base?: UnitDecl;
  /** The mode's patch of this unit: the parameters it overrides. */
  patch?: Readonly<Record<string, unknown>>;
}) {
  const byParam = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const param = paramOfPath(d.path, unitId);
    if (param && param in type.params) (byParam.get(param) ?? byParam.set(param, []).get(param)!).push(d);
  }
  const entries = Object.entries(type.params);
  if (entries.length === 0) return <p className="hint">A {type.title.toLowerCase()} has no parameters.</p>;
  return (
    <div className="param-panel">
      {entries.map(([name, decl]) => (
        <ParamField
          key={name}
          unitId={unitId}
          unit={unit}
          type={type}
          name={name}
          decl={decl}
          problems={byParam.get(name) ?? []}
          mode={mode}
          base={base}
          overridden={!!patch && hasOwn(patch, name)}
        />
      ))}
    </div>
  );
}
