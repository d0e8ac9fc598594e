import { WakeableSleep } from './wakeable-sleep';

const within = (promise: Promise<void>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe('the pause between looks at the log', () => {
  it('ends when woken', async () => {
    const pause = new WakeableSleep();
    const sleeping = pause.sleep(60_000);
    pause.wake();
    expect(await within(sleeping, 1_000)).toBe(true);
  });

  it('keeps a wake that came while awake, and ends the next pause at once', async () => {
    const pause = new WakeableSleep();
    pause.wake(); // an append while a batch was being applied
    expect(await within(pause.sleep(60_000), 1_000)).toBe(true);
    // Kept once only: the pause after that sleeps its length.
    expect(await within(pause.sleep(60_000), 50)).toBe(false);
    pause.wake();
  });
});
