/**
 * Background jobs that follow the editor state, as the solve controller does for the main solve:
 * whenever the state asks for something new (all modes solved for the economics tab, pilot data
 * reconciled), the request goes out debounced (a change after a quiet spell at once, a burst at its
 * end), only the latest request is answered (an outdated job is cancelled when the port can, else
 * its successor waits for it), and the last answer is reused when it still answers the request (a
 * layout-only change). A job can wait for the state to be ready (e.g. until the main solve has
 * answered), so it never delays the main solve. Framework-free: the port is a Web Worker in the
 * browser, a direct call in tests.
 */
import type { EditorState, EditorStore } from './store';

export interface JobSpec<Req, Reply> {
  /** What the state asks for now; undefined when nothing is wanted (a running job is then cancelled if it can be). */
  want(s: EditorState): Req | undefined;
  /** Both requests ask for the same answer. */
  same(a: Req, b: Req): boolean;
  /** The last answer also answers `req` (e.g. only the layout changed): no new job. */
  reuse?(last: { req: Req; reply: Reply }, req: Req): boolean;
  /** Hold requests back while this is false; checked again on every change of the state. */
  ready?(s: EditorState): boolean;
  run(req: Req): Promise<Reply>;
  /** Stops the job under way at once (its promise may never settle, or reject). */
  cancel?(): void;
  /** The reply for a job that failed (the worker died, a bug). */
  fail(req: Req, error: unknown): Reply;
  started(req: Req): void;
  finished(req: Req, reply: Reply, info: { ms: number; reused: boolean }): void;
}

export interface JobOptions {
  debounceMs?: number;
  now?: () => number;
}

export function connectJob<Req, Reply>(store: EditorStore, spec: JobSpec<Req, Reply>, options: JobOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 25;
  const now = options.now ?? (() => performance.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The job under way (its token: a cancelled or superseded job's answer is dropped). */
  let busy: object | undefined;
  let requested: Req | undefined;
  let last: { req: Req; reply: Reply } | undefined;
  let lastSend = -Infinity;
  let disposed = false;

  const send = () => {
    timer = undefined;
    if (disposed) return;
    const s = store.getState();
    const req = spec.want(s);
    if (req === undefined || (requested !== undefined && spec.same(requested, req))) return;
    if (spec.ready && !spec.ready(s)) return;
    if (busy) {
      if (!spec.cancel) return; // the answer under way reschedules
      spec.cancel();
      busy = undefined;
    }
    requested = req;
    if (last && (spec.same(last.req, req) || spec.reuse?.(last, req))) {
      last = { req, reply: last.reply };
      spec.finished(req, last.reply, { ms: 0, reused: true });
      return;
    }
    const token = {};
    busy = token;
    lastSend = now();
    const t0 = lastSend;
    spec.started(req);
    spec
      .run(req)
      .catch((e: unknown) => spec.fail(req, e))
      .then((reply) => {
        if (busy !== token || disposed) return;
        busy = undefined;
        last = { req, reply };
        spec.finished(req, reply, { ms: now() - t0, reused: false });
        schedule(0);
      });
  };
  const schedule = (delay: number) => {
    if (disposed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(send, delay);
  };
  const unsubscribe = store.subscribe((s) => {
    const req = spec.want(s);
    if (req === undefined) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (busy && spec.cancel) {
        spec.cancel();
        busy = undefined;
      }
      requested = undefined;
      return;
    }
    if (requested !== undefined && spec.same(requested, req)) return;
    if (spec.ready && !spec.ready(s)) return;
    if (!busy && now() - lastSend > debounceMs) {
      if (timer !== undefined) clearTimeout(timer);
      send();
    } else schedule(debounceMs);
  });
  schedule(0);
  return () => {
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    if (busy && spec.cancel) spec.cancel();
    unsubscribe();
  };
}
