import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The guard against super-linear regular expressions (issue 10, defect 1) is part of `npm test`'s
 * lint step; this proves the project's own ESLint config applies it where the code lives.
 */
describe('lint guard against super-linear regular expressions', () => {
  const root = join(__dirname, '../../..');
  /** ESLint as `npm run lint` runs it (its own process: Jest cannot load the ES-module config). */
  const errorsIn = async (code: string, filePath: string) => {
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/eslint/bin/eslint.js'),
        '--stdin',
        '--stdin-filename',
        filePath,
        '-f',
        'json',
      ],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
    return result.messages.map((m) => m.ruleId);
  };

  it.each(['src/logging/example.ts', 'connectors/shopify/example.ts', 'sandbox/vendors/example.ts'])(
    'refuses, in %s, the email pattern that stalled the hub and a backtracking one',
    async (file) => {
      const quadratic = 'export const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}/g;\n';
      const exponential = 'export const nested = /^(a+)+$/;\n';
      const rules = await errorsIn(quadratic + exponential, file);
      expect(rules).toContain('regexp/no-super-linear-move');
      expect(rules).toContain('regexp/no-super-linear-backtracking');
    },
  );

  it('accepts the linear form the scrubber uses', async () => {
    const linear =
      'export const email = /(?<![\\w%+.-])[\\w%+.-]+(?:@|%40)[A-Za-z0-9.-]+\\.[A-Za-z]{2,}/g;\n';
    expect(await errorsIn(linear, 'src/logging/example.ts')).toEqual([]);
  });
});
