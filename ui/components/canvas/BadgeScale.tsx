/** The pilot data's badges on the diagram: which there are, whether they are stale, and their scale. */
import { useStore } from '@xyflow/react';
import { useEffect, useMemo, type RefObject } from 'react';
import { pilotBadges, pilotKey, sameKey } from '../../state/pilot';
import { useEditor } from '../context';

/** The pilot data's reconciliation on screen is not about the plant as it is now. */
const pilotStale = (s: Parameters<typeof pilotKey>[0]) => {
  const g = s.pilot.lastGood;
  const key = pilotKey(s);
  return !!g && (!key || !sameKey(g.key, key));
};

/** The badges of the last good reconciliation, by unit and stream, and whether they are stale. */
export function usePilotBadges() {
  const pilotResult = useEditor((s) => s.pilot.lastGood?.result);
  const badgesStale = useEditor(pilotStale);
  const badges = useMemo(() => pilotBadges(pilotResult), [pilotResult]);
  return { badges, badgesStale };
}

/**
 * Pilot-data badges stay readable when the whole plant is in view: they are scaled up as the
 * diagram zooms out (a CSS variable on the canvas; nothing re-renders as the zoom changes).
 */
export function BadgeScale({ box }: { box: RefObject<HTMLDivElement | null> }) {
  const zoom = useStore((s) => s.transform[2]);
  useEffect(() => {
    box.current?.style.setProperty('--badge-scale', String(Math.min(3, Math.max(1, 0.9 / zoom))));
  }, [zoom, box]);
  return null;
}
