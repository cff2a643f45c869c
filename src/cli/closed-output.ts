// `airlock rules show | head`: when the reader closes the pipe, writes fail with EPIPE. That is the
// reader saying it has enough, not an error: exit quietly (status 0) instead of printing a stack.
let installed = false;

export function quietOnClosedOutput(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
