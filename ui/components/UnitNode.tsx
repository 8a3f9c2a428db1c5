/** A unit on the diagram: its name and type, its ports as named handles coloured by phase. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PortDecl } from '../../core';
import type { PilotBadge } from '../state/pilot';
import { NODE_WIDTH, PHASE_COLOURS, PHASE_NAMES, nodeHeight, portOffset } from '../state/geometry';

export interface UnitNodeData extends Record<string, unknown> {
  label: string;
  type: string;
  ports: PortDecl[];
  errors: string[];
  portErrors: Record<string, string>;
  idle: boolean;
  /** Pilot data measured on the reagent doses into this unit. */
  badge?: PilotBadge;
  /** What the mode shown changes in this unit ("new in this mode", "this mode changes flows"). */
  diff?: string;
  /** Ports left open while the plant is built, with what the solve did with them. */
  open?: Record<string, string>;
  /** Specifications that adjust this unit. */
  specs?: readonly string[];
  /** Not wrong, probably not meant (lint.ts): no reaction yet. */
  warnings?: readonly string[];
  /** The diagram is zoomed too far out to read port names: draw the box, its title and its handles only. */
  compact?: boolean;
}

export type UnitFlowNode = Node<UnitNodeData, 'unit'>;

function UnitNodeView({ id, data, selected }: NodeProps<UnitFlowNode>) {
  const height = nodeHeight(data.ports);
  const cls = ['unit-node', data.idle && 'idle', data.errors.length > 0 && 'has-error', selected && 'selected', data.diff && 'in-mode'].filter(Boolean).join(' ');
  return (
    <div className={cls} style={{ width: NODE_WIDTH, height }} data-unit={id} title={[...data.errors, ...(data.warnings ?? [])].join('\n') || undefined}>
      {data.diff && (
        <span className="diff-badge" title={data.diff} data-diff={data.diff.startsWith('new') ? 'new' : 'changed'}>
          {data.diff.startsWith('new') ? 'new' : 'Δ'}
        </span>
      )}
      {data.specs && data.specs.length > 0 && (
        <span className="spec-badge unit-spec-badge" title={`adjusted by spec ${data.specs.join(', ')}`} data-spec-unit={data.specs.join(',')}>
          ⚙ {data.specs.join(', ')}
        </span>
      )}
      <div className="unit-header">
        <span className="unit-title">{data.label}</span>
        {!data.compact && (
          <span className="unit-type">
            {data.type}
            {data.idle ? ' · out of service' : ''}
          </span>
        )}
        {data.errors.length === 0 && data.warnings && data.warnings.length > 0 && (
          <span className="unit-badge warn" title={data.warnings.join('\n')} aria-label={data.warnings.join('; ')}>
            ?
          </span>
        )}
        {data.errors.length > 0 && (
          <span className="unit-badge" aria-label={`${data.errors.length} problem(s)`}>
            !
          </span>
        )}
      </div>
      {data.badge && (
        <span className={`pilot-badge unit-pilot-badge tone-${data.badge.tone}`} title={data.badge.title} data-pilot-badge={`reagent:${id}`} data-tone={data.badge.tone}>
          {data.badge.text} <span className="muted-inline">dose</span>
        </span>
      )}
      {data.ports.map((p) => {
        const o = portOffset(data.ports, p.name)!;
        const isIn = p.direction === 'in';
        const open = data.open?.[p.name];
        const err = data.portErrors[p.name];
        const colour = p.phase ? PHASE_COLOURS[p.phase] : 'var(--port)';
        const tip = `${isIn ? 'inlet' : 'outlet'} ${p.name}${p.phase ? ` (${PHASE_NAMES[p.phase]})` : ''}${p.multiple ? ', takes several streams' : ''}${p.optional ? ', optional' : ''}: ${p.description}${err ? `\n⚠ ${err}` : ''}${open ? `\n${open}` : ''}`;
        return (
          <div key={`${p.direction}:${p.name}`}>
            <Handle
              type={isIn ? 'target' : 'source'}
              position={isIn ? Position.Left : Position.Right}
              id={p.name}
              className={`port-handle phase-${p.phase ?? 'any'}${err ? ' port-error' : ''}${open ? ' port-open' : ''}${p.multiple ? ' multiple' : ''}`}
              style={{ top: o.y, background: colour }}
              title={tip}
              data-port={p.name}
            />
            {!data.compact && (
              <span className={`port-label ${isIn ? 'in' : 'out'}${err ? ' port-error' : ''}${open ? ' port-open' : ''}`} style={{ top: o.y - 7 }} title={tip}>
                {p.name}
                {p.phase ? <sup>{p.phase}</sup> : null}
              </span>
            )}
            {open && !data.compact && (
              <span className={`open-port-tag ${isIn ? 'in' : 'out'}`} style={{ top: o.y - 7 }} data-open-port={`${id}.${p.name}`} title={open}>
                {isIn ? '⇢ open' : 'open ⇢'}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

export const UnitNode = memo(UnitNodeView);
