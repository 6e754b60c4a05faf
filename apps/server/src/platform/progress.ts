// A progress bar for long jobs on a terminal (seed, import, export), and plain lines when not a TTY.

export interface Progress {
  update(done: number): void;
  finish(message?: string): void;
}

export function terminalProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastPrinted = 0;
  const render = (done: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${secs}s`;
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - lastPrinted < (stream.isTTY ? 100 : 2000) && done < total) return;
      lastPrinted = now;
      if (stream.isTTY) stream.write(`\r${render(done)}`);
      else stream.write(`${render(done)}\n`);
    },
    finish(message) {
      if (stream.isTTY) stream.write(`\r${render(total)}\n`);
      if (message) stream.write(`${message}\n`);
    },
  };
}

export const silentProgress: Progress = { update() {}, finish() {} };
