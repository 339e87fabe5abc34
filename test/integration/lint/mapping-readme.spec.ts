import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/common/project-root';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';

/**
 * mappings/README.md teaches the mapping language by example: each ```yaml block is a mapping file
 * with its payload (`# in:`) and the record it produces (`# out:`). They are compiled and run here
 * as the hub runs mappings (canonical validation included), so the guide cannot drift from the engine.
 */
const README = readFileSync(join(projectRoot(__dirname), 'mappings/README.md'), 'utf8');
const EXAMPLES = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((block) => /^# in: /m.test(block))
  .map((block, i) => ({
    name: `example-${i + 1}`,
    yaml: block,
    input: JSON.parse(/^# in: (.*)$/m.exec(block)![1]) as unknown,
    output: JSON.parse(/^# out: (.*)$/m.exec(block)![1]) as unknown,
  }));

describe('mappings/README.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mapping-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has an example for each construct it explains', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
    for (const construct of [
      'path:',
      'const:',
      'template:',
      'join:',
      'when:',
      'each:',
      'where:',
      'sort:',
      'list:',
      'collect:',
      'expr:',
      'transform:',
      'table:',
      'default:',
      '$ctx.',
    ])
      expect([
        construct,
        EXAMPLES.some((e) => e.yaml.includes(construct) || e.yaml.includes(construct.replace(':', ''))),
      ]).toEqual([construct, true]);
  });

  it.each(EXAMPLES.map((e) => [e.name, e] as const))(
    '%s compiles and produces its # out: from its # in:',
    async (name, e) => {
      mkdirSync(join(dir, 'readme'), { recursive: true });
      writeFileSync(join(dir, 'readme', `${name}.yaml`), e.yaml);
      const registry = new MappingRegistry({ dirs: [dir] });
      const out = await registry.map('readme', name, e.input, {
        connector: 'test',
        adminUrl: 'https://admin.example',
      });
      expect(out).toEqual(e.output);
    },
  );
});
