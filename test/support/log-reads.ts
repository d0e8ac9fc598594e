/**
 * Reads the log again (20 ms apart, for at most five seconds) until `settled` holds, and answers
 * the last read. On PostgreSQL a read stops below any transaction it cannot yet tell is not an
 * append, and other suites' transactions run on the same server: a single read may stop short of
 * the end for a moment (see LOG_HORIZON), so a test that expects the whole log reads until it has.
 */
export async function readUntil<T>(read: () => Promise<T>, settled: (result: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const result = await read();
    if (settled(result) || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
