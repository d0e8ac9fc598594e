/**
 * The pause of a log follower between looks: ends after `ms`, or at once when woken by an append.
 * A wake that comes while the follower is busy (reading or applying a batch that may have missed
 * the append) is kept, and ends the next pause at once: otherwise the append would wait a whole
 * pause to be seen.
 */
export class WakeableSleep {
  private wakeUp: (() => void) | null = null;
  private wokenWhileAwake = false;

  sleep(ms: number): Promise<void> {
    if (this.wokenWhileAwake) {
      this.wokenWhileAwake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileAwake = true;
  }
}
