/** Notices drawn over the diagram: the layout under way, the units a mode takes out of service. */
import type { UnitDecl } from '../../../core';
import { unitPosition } from '../../state/doc';

/** A plant opened without positions is drawn on a grid until its layout lands. */
export function ArrangingNotice({ units }: { units: Readonly<Record<string, UnitDecl>> }) {
  const arranging = Object.keys(units).length > 0 && !Object.values(units).some((u) => unitPosition(u));
  if (!arranging) return null;
  return (
    <div className="arranging" role="status">
      Arranging the units…
    </div>
  );
}

interface IdleTrayProps {
  mode: string;
  idle: number;
  ghosts: boolean;
  onGhosts: (show: boolean) => void;
}

/** How many units the mode takes out of service, and a switch to draw them greyed. */
export function IdleTray({ mode, idle, ghosts, onGhosts }: IdleTrayProps) {
  return (
    <div className="idle-tray" data-testid="idle-tray">
      <span>
        {idle} unit{idle === 1 ? '' : 's'} out of service in “{mode}”
      </span>
      <label>
        <input type="checkbox" checked={ghosts} onChange={(e) => onGhosts(e.target.checked)} /> show greyed
      </label>
    </div>
  );
}
