import { Writable } from 'node:stream';
import { trigger } from '../../scripts/trigger';

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join('');
  return w;
}

describe('scripts/trigger.ts argument handling', () => {
  it.each([
    [[], /Missing workflow name/],
    [['NoSuchWorkflow'], /Unknown workflow "NoSuchWorkflow"/],
    [['FullSetup', 'extra'], /usage/],
    [['FullSetup', '--input', '{not json'], /--input is not a valid JSON object/],
    [['FullSetup', '--input', '[1,2]'], /must be a JSON object/],
    [['FullSetup', '--bogus'], /Unknown option/],
  ])('exits 2 for %j', async (args, message) => {
    const out = sink();
    const err = sink();
    await expect(trigger(args as string[], out as never, err as never)).resolves.toBe(2);
    expect(err.text()).toMatch(message);
  });

  it('exits 1 with a hint when Temporal is unreachable', async () => {
    const prev = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    try {
      const err = sink();
      await expect(trigger(['FullSetup'], sink() as never, err as never)).resolves.toBe(1);
      expect(err.text()).toMatch(/Cannot reach Temporal/);
      expect(err.text()).toMatch(/npm run stack -- up/);
    } finally {
      if (prev === undefined) delete process.env.TEMPORAL_ADDRESS;
      else process.env.TEMPORAL_ADDRESS = prev;
    }
  }, 30_000);
});
