/** A one-line progress bar on an interactive terminal; silent when output is piped or in CI logs. */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: (_progress: { rows: number; fraction: number }) => {}, done: () => {} };
  let last = 0;
  return {
    update({ rows, fraction }: { rows: number; fraction: number }) {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const width = 30;
      const filled = Math.round(width * Math.min(1, fraction));
      stream.write(
        `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(fraction * 100)}% ${rows.toLocaleString("en")} rows`,
      );
    },
    done() {
      stream.write("\n");
    },
  };
}
