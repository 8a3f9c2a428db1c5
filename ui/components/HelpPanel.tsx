/** The help: what the editor does, every keyboard shortcut (from state/shortcuts.ts), and the tour. */
import { SHORTCUTS } from '../state/shortcuts';
import { Dialog } from './Dialog';

export function HelpPanel({ onClose, onTour }: { onClose(): void; onTour(): void }) {
  return (
    <Dialog title="Help" onClose={onClose} testId="help" wide>
      <p>
        Drag units from the palette onto the diagram and draw streams from an outlet (right side of a box) to an inlet (left side). The plant solves as you edit; an outlet left open drains to a
        temporary product so the rest still solves. Pick a mode in the toolbar to see and edit that mode's plant; “Modes…” creates, copies, renames and deletes them.
      </p>
      <button type="button" onClick={onTour}>
        Take the tour of the example plant
      </button>
      <h3>Keyboard</h3>
      <table className="kv-table shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Shift+click</kbd> <kbd>Ctrl+click</kbd>
            </td>
            <td>add a unit or stream to the selection; Shift+drag selects with a box</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
