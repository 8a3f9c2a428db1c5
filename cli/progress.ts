/** A progress bar on standard error while a long command runs (only on a terminal; quiet in pipes). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; done(summary: string): void } {
  const start = Date.now();
  let last = 0;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const eta = done > 0 ? (((now - start) / done) * (total - done)) / 1000 : 0;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done < total ? ` ~${eta.toFixed(0)} s left` : ''}   `);
    },
    done(summary) {
      if (stream.isTTY) stream.write('\r\x1b[K');
      stream.write(`${label}: ${summary} in ${((Date.now() - start) / 1000).toFixed(2)} s\n`);
    },
  };
}
