/**
 * Ctrl-C cancels: the first SIGINT aborts the returned signal (the search stops, and with it its requests
 * to the order service, and the command still reports what it has); a second one exits at once. A reader
 * that goes away (`phonematch match … | head -3`) cancels the same way instead of crashing on EPIPE.
 */
export function cancelOnInterrupt(
  stdout: NodeJS.WriteStream,
  stderr: NodeJS.WritableStream,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\ncancelling the search (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  stdout.on('error', onStdoutError);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      stdout.off('error', onStdoutError);
    },
  };
}
