/**
 * A stream on the diagram: a curve with its id and flow; hover it for its composition. Its data hold
 * only what it shows (the label text, the colour's phase, problems, the pilot-data badge), so an
 * answer that changes a flow in the fifth digit leaves the edge alone; the composition is read
 * from the store by the tooltip, which exists only while the pointer is over the stream.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { PHASE_COLOURS } from '../state/geometry';
import type { PilotBadge } from '../state/pilot';
import { formatNumber, formatPercent } from '../../core/format';
import { useEditor } from './context';

interface StreamEdgeData extends Record<string, unknown> {
  /** The label ("s4 · 1,234 kg/h"); none when the diagram is zoomed too far out to read it. */
  label?: string;
  /** The phase carrying most of the stream's mass: the line's colour. */
  phase?: string;
  errors: string[];
  idle: boolean;
  /** The pointer is over the stream: show its composition. */
  hovered?: boolean;
  /** Pilot data measured on this stream: the largest adjustment, gross errors in red. */
  badge?: PilotBadge;
  /** The mode shown routes this stream differently from the base. */
  rewired?: boolean;
  /** Specifications whose target is this stream. */
  specs?: readonly string[];
}

export type StreamFlowEdge = Edge<StreamEdgeData, 'stream'>;

function StreamTooltip({ id, errors, x, y }: { id: string; errors: readonly string[]; x: number; y: number }) {
  const r = useEditor((s) => s.solve.lastGood?.results.streams[id]);
  const comp = r ? Object.entries(r.massFlow).sort((a, b) => b[1] - a[1]) : [];
  return (
    <div className="edge-tooltip" style={{ transform: `translate(${x + 12}px, ${y + 12}px)` }} data-tooltip={id}>
      <div className="tooltip-title">
        Stream {id}
        <span className="stale-note"> (stale)</span>
      </div>
      {errors.map((e) => (
        <div key={e} className="tooltip-error">
          {e}
        </div>
      ))}
      {r ? (
        <table>
          <tbody>
            {comp.map(([sp, m]) => (
              <tr key={sp}>
                <td>{sp}</td>
                <td className="num">{formatNumber(m)} kg/h</td>
                <td className="num">{formatPercent(r.totals.mass > 0 ? m / r.totals.mass : 0)}</td>
              </tr>
            ))}
            <tr className="total">
              <td>total</td>
              <td className="num">{formatNumber(r.totals.mass)} kg/h</td>
              <td />
            </tr>
          </tbody>
        </table>
      ) : (
        <div>no results</div>
      )}
    </div>
  );
}

function StreamEdgeView(props: EdgeProps<StreamFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [labelHover, setLabelHover] = useState(false);
  const hover = labelHover || !!data?.hovered;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const errors = data?.errors ?? [];
  const stroke = errors.length ? 'var(--error)' : data?.phase ? PHASE_COLOURS[data.phase] : 'var(--edge)';
  const width = selected ? 3.5 : data?.rewired ? 2.5 : 2;
  const style = { stroke, strokeWidth: width, opacity: data?.idle ? 0.25 : 1, strokeDasharray: errors.length ? '6 4' : data?.rewired ? '10 3' : undefined };
  const specs = data?.specs ?? [];
  const badge = data?.badge;
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={16} />
      {(data?.label !== undefined || badge || hover || specs.length > 0) && (
        <EdgeLabelRenderer>
          {data?.label !== undefined && (
            <div
              className={`edge-label${errors.length ? ' has-error' : ''}`}
              style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
              onMouseEnter={() => setLabelHover(true)}
              onMouseLeave={() => setLabelHover(false)}
              data-stream-label={id}
              title={errors.join('\n') || undefined}
            >
              {data.label}
            </div>
          )}
          {badge && (
            <div className="pilot-badge-anchor" style={{ transform: `translate(${labelX}px, ${labelY}px)` }}>
              <div
                className={`pilot-badge tone-${badge.tone}${data?.label !== undefined ? ' below-label' : ''}`}
                title={badge.title}
                data-pilot-badge={id}
                data-tone={badge.tone}
              >
                {badge.text}
              </div>
            </div>
          )}
          {specs.length > 0 && (
            <div className="pilot-badge-anchor" style={{ transform: `translate(${labelX}px, ${labelY}px)` }}>
              <div className="spec-badge edge-spec-badge" title={`target of spec ${specs.join(', ')}`} data-spec-stream={id}>
                ◎ {specs.join(', ')}
              </div>
            </div>
          )}
          {hover && <StreamTooltip id={id} errors={errors} x={labelX} y={labelY} />}
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const StreamEdge = memo(StreamEdgeView);
