/**
 * A first-run tour of the example plant: a few steps, each pointing at a part of the editor. It
 * never blocks the page (a card, no backdrop); offered once on the first visit, and from Help.
 */
import { useEffect, useState } from 'react';

const STEPS: readonly { target: string; title: string; text: string }[] = [
  { target: '.canvas', title: 'The plant', text: 'Each box is a unit, each line a stream, coloured by the phase that carries most of it. Scroll to zoom, drag to pan; click a unit to see and edit it.' },
  { target: 'select[aria-label="mode"]', title: 'Modes', text: 'One plant, several ways to run it: pick a mode to see its own plant — the units it runs, its routing, what it changes (Δ) and adds (new).' },
  { target: '.inspector', title: 'The inspector', text: 'The selection’s parameters, with units, bounds and the sources in its notes. In a mode you edit that mode; the base value is shown beside each override.' },
  { target: '.results', title: 'Results', text: 'Recovery and grade, the stream table (copy it to a spreadsheet), a Sankey of one element, two modes compared, economics, pilot data.' },
  { target: '.toolbar', title: 'Find and help', text: 'Ctrl+K finds a unit or stream; ? lists every shortcut. Your work is saved in this browser as you go; Save writes the file.' },
];

export const TOUR_SEEN_KEY = 'flexsheet:tour-seen';

export function Tour({ onClose }: { onClose(): void }) {
  const [i, setI] = useState(0);
  const step = STEPS[i];
  useEffect(() => {
    const el = document.querySelector(step.target);
    el?.classList.add('tour-target');
    return () => el?.classList.remove('tour-target');
  }, [step]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="tour-card" role="dialog" aria-label="tour" data-testid="tour" data-step={i}>
      <div className="tour-step">
        {i + 1} / {STEPS.length}
      </div>
      <h3>{step.title}</h3>
      <p>{step.text}</p>
      <div className="button-row">
        <button type="button" onClick={() => setI(i - 1)} disabled={i === 0}>
          Back
        </button>
        {i < STEPS.length - 1 ? (
          <button type="button" className="primary" onClick={() => setI(i + 1)}>
            Next
          </button>
        ) : (
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        )}
        <button type="button" className="link" onClick={onClose}>
          close
        </button>
      </div>
    </div>
  );
}

/** The first visit's offer: take the tour, or not (never shown again either way). */
export function TourOffer({ onTour, onClose }: { onTour(): void; onClose(): void }) {
  return (
    <div className="tour-card offer" data-testid="tour-offer">
      <p>New here? A one-minute tour of the example plant shows where things are.</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={onTour}>
          Take the tour
        </button>
        <button type="button" onClick={onClose}>
          No thanks
        </button>
      </div>
    </div>
  );
}
