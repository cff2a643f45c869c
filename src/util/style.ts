// Colour only on a TTY, and never with NO_COLOR set. No chalk here: it costs startup time
// on the hot path (explain, -c); richer UIs (approver) may use chalk.
export function useColor(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function paint(stream: NodeJS.WriteStream) {
  const on = useColor(stream);
  const wrap = (a: number, b: number) => (s: string) => (on ? `\x1b[${a}m${s}\x1b[${b}m` : s);
  return {
    bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39),
    yellow: wrap(33, 39), cyan: wrap(36, 39),
  };
}
