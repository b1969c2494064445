import { describe, expect, it } from 'vitest';
import { freshReads } from './fresh-reads';

/** A read whose answers the test releases one by one; each answer is the read's number. */
function controlledRead() {
  const started: { key: string; finish: () => void; fail: () => void }[] = [];
  const read = (key: string) => () =>
    new Promise<number>((resolve, reject) => {
      const n = started.length + 1;
      started.push({ key, finish: () => resolve(n), fail: () => reject(new Error(`read ${n} failed`)) });
    });
  const reads = freshReads<number>();
  return { started, shared: (key: string) => reads(key, read(key)) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fresh reads', () => {
  it('never hands a caller a read that began before it called, and shares the next one', async () => {
    const { started, shared } = controlledRead();
    const a = shared('x'); // starts read 1
    const b = shared('x'); // arrived while read 1 was in flight: waits for read 2
    const c = shared('x'); // so does this one, sharing it
    expect(started).toHaveLength(1);
    started[0]?.finish();
    expect(await a).toBe(1);
    await tick();
    expect(started).toHaveLength(2); // read 2 began once read 1 ended
    const d = shared('x'); // arrived while read 2 was in flight: read 3
    started[1]?.finish();
    expect([await b, await c]).toEqual([2, 2]);
    await tick();
    started[2]?.finish();
    expect(await d).toBe(3);
    await tick();
    expect(started).toHaveLength(3);
    // Nothing in flight any more: the next caller starts its own read at once.
    const e = shared('x');
    expect(started).toHaveLength(4);
    started[3]?.finish();
    expect(await e).toBe(4);
  });

  it('keeps keys apart', async () => {
    const { started, shared } = controlledRead();
    const x = shared('x');
    const y = shared('y');
    expect(started.map((s) => s.key)).toEqual(['x', 'y']);
    started[1]?.finish();
    started[0]?.finish();
    expect([await x, await y]).toEqual([1, 2]);
  });

  it('gives a failed read’s error to its callers only, and still runs the next read', async () => {
    const { started, shared } = controlledRead();
    const a = shared('x');
    const b = shared('x');
    started[0]?.fail();
    await expect(a).rejects.toThrow('read 1 failed');
    await tick();
    started[1]?.finish();
    expect(await b).toBe(2);
  });
});
