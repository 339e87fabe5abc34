import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../../src/common/project-root';

const ROOT = projectRoot(__dirname);
const FOLDERS = ['src', 'connectors', 'sandbox', 'mappings', 'config', 'bench', 'test', 'docs', '.ci'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Issue 12, part 1: the project documents itself. Every document a comment or a doc cites is a file
 * in this repository (a design note outside it helps no successor), and the README stays a
 * newcomer's page.
 */
describe('documents the code cites', () => {
  it('are all in the repository', () => {
    const missing: string[] = [];
    for (const file of FOLDERS.flatMap((f) => (existsSync(join(ROOT, f)) ? files(join(ROOT, f)) : []))) {
      if (!/\.(ts|yaml|yml|md|cjs|sh)$|\/run$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const [, cited] of text.matchAll(
        /(?<![\w/.-])((?:\.\.\/)*(?:[\w.-]+\/)*[A-Za-z][\w.-]*\.md)\b/g,
      )) {
        if (cited.startsWith('../shared/') || cited.includes('shared/design')) {
          missing.push(`${relative(ROOT, file)}: ${cited} (outside the repository)`);
          continue;
        }
        const here = join(file, '..', cited);
        if (!existsSync(join(ROOT, cited)) && !existsSync(here))
          missing.push(`${relative(ROOT, file)}: ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('leave the README short: what it is, the two commands, a walkthrough and the links', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300);
  });
});
