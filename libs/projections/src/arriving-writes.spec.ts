import { ArrivingWrites } from './arriving-writes';

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('writes on their way to the log', () => {
  it('lets a batch read at once when no write is on its way', async () => {
    expect(await settled(new ArrivingWrites().arrived(60_000))).toBe(true);
  });

  it('holds a batch until every write on its way has arrived', async () => {
    const arriving = new ArrivingWrites();
    const first = arriving.expect();
    const second = arriving.expect();
    const read = arriving.arrived(60_000);
    expect(await settled(read)).toBe(false);
    first();
    first(); // arriving twice counts once
    expect(await settled(read)).toBe(false);
    second();
    expect(await settled(read)).toBe(true);
  });

  it('stops waiting for a slow write after the longest wait it is given', async () => {
    const arriving = new ArrivingWrites();
    arriving.expect();
    const read = arriving.arrived(30);
    expect(await settled(read)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await settled(read)).toBe(true);
  });
});
