/** A stream on the diagram: a curve with its id and flow; hover it for its composition. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import type { StreamResult } from '../../core';
import { PHASE_COLOURS } from '../state/geometry';
import { formatFlow, formatPercent } from '../state/results-view';

export interface StreamEdgeData extends Record<string, unknown> {
  result?: StreamResult;
  errors: string[];
  idle: boolean;
  /** The pointer is over the stream: show its composition. */
  hovered?: boolean;
}

export type StreamFlowEdge = Edge<StreamEdgeData, 'stream'>;

function dominantPhase(r: StreamResult | undefined): string | undefined {
  if (!r) return undefined;
  let best: string | undefined;
  let max = 0;
  for (const [p, m] of Object.entries(r.totals.byPhase)) if (m > max) [best, max] = [p, m];
  return best;
}

function StreamEdgeView(props: EdgeProps<StreamFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [labelHover, setLabelHover] = useState(false);
  const hover = labelHover || !!data?.hovered;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const r = data?.result;
  const errors = data?.errors ?? [];
  const phase = dominantPhase(r);
  const stroke = errors.length ? '#c0392b' : phase ? PHASE_COLOURS[phase] : '#7f8c8d';
  const width = selected ? 3 : 2;
  const style = { stroke, strokeWidth: width, opacity: data?.idle ? 0.25 : 1, strokeDasharray: errors.length ? '6 4' : undefined };
  const comp = r ? Object.entries(r.massFlow).sort((a, b) => b[1] - a[1]) : [];
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${errors.length ? ' has-error' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          onMouseEnter={() => setLabelHover(true)}
          onMouseLeave={() => setLabelHover(false)}
          data-stream-label={id}
          title={errors.join('\n') || undefined}
        >
          {id}
          {r ? ` · ${formatFlow(r.totals.mass)} kg/h` : ''}
          {errors.length ? ' ⚠' : ''}
        </div>
        {hover && (
          <div className="edge-tooltip" style={{ transform: `translate(${labelX + 12}px, ${labelY + 12}px)` }} data-tooltip={id}>
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
                      <td className="num">{formatFlow(m)} kg/h</td>
                      <td className="num">{formatPercent(r.totals.mass > 0 ? m / r.totals.mass : 0)}</td>
                    </tr>
                  ))}
                  <tr className="total">
                    <td>total</td>
                    <td className="num">{formatFlow(r.totals.mass)} kg/h</td>
                    <td />
                  </tr>
                </tbody>
              </table>
            ) : (
              <div>no results</div>
            )}
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
}

export const StreamEdge = memo(StreamEdgeView);
