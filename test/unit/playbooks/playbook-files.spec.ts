import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaybookCompileError, PlaybookEngine } from '../../../src/playbooks/playbook.engine';
import { loadPlaybooks, parsePlaybook, PlaybookFileError } from '../../../src/playbooks/playbook.loader';

const BUILT_IN = join(__dirname, '../../../playbooks');
const valid = (extra = '') => `
id: goodwill
title: Goodwill
situation: goodwill
rules:
  - id: always
    when: 'true'
    why: Because.
    remedies:
      - { remedy: store_credit, amount: { upTo: { USD: '5.00' } }, channels: [agent, bot] }
${extra}`;

describe('playbook files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'playbooks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the built-in playbooks, each compiling', () => {
    const playbooks = loadPlaybooks([BUILT_IN]);
    expect(playbooks.map((p) => p.id).sort()).toEqual(['damaged-item', 'returns', 'where-is-my-order']);
    expect(() => new PlaybookEngine(playbooks)).not.toThrow();
  });

  it('names the file and each field that is wrong', () => {
    const bad = `
id: Bad Id
title: x
situation: damaged_item
rules:
  - id: r
    when: 'true'
    why: x
    remedies:
      - { remedy: refund, channels: [agent] }
      - { remedy: escalate }
      - { remedy: reship, amount: { full: true } }
      - { remedy: return, channels: [fax] }
`;
    expect(() => parsePlaybook(bad, 'my.yaml')).toThrow(PlaybookFileError);
    let message = '';
    try {
      parsePlaybook(bad, 'my.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^my\.yaml: /);
    expect(message).toContain('id: lower-case letters, digits and -');
    expect(message).toContain('rules.0.remedies.0.amount: refund needs an amount');
    expect(message).toContain('rules.0.remedies.1.team: escalate needs a team');
    expect(message).toContain('rules.0.remedies.2.amount: reship takes no amount');
    expect(message).toContain('rules.0.remedies.3.channels.0');
    expect(() => parsePlaybook('a: [', 'x.yaml')).toThrow(/^x\.yaml: not YAML/);
    expect(() => parsePlaybook(valid('unknown: 1'), 'x.yaml')).toThrow(/Unrecognized key/);
  });

  it('stops at boot on a condition JSONata cannot read, naming the playbook and rule', () => {
    const playbook = parsePlaybook(valid().replace("when: 'true'", 'when: flags[ = 1'), 'g.yaml');
    expect(() => new PlaybookEngine([playbook])).toThrow(PlaybookCompileError);
    expect(() => new PlaybookEngine([playbook])).toThrow(/^playbook goodwill, rule always: invalid JSONata/);
  });

  it("lets the config's folder add playbooks and replace built-in ones by id; the id is the file's name", () => {
    writeFileSync(join(dir, 'goodwill.yaml'), valid());
    writeFileSync(
      join(dir, 'returns.yaml'),
      valid().replace('id: goodwill', 'id: returns').replace('situation: goodwill', 'situation: return'),
    );
    const loaded = loadPlaybooks([BUILT_IN, dir]);
    expect(loaded.map((p) => p.id).sort()).toEqual([
      'damaged-item',
      'goodwill',
      'returns',
      'where-is-my-order',
    ]);
    expect(loaded.find((p) => p.id === 'returns')!.title).toBe('Goodwill');
    writeFileSync(join(dir, 'other.yaml'), valid());
    expect(() => loadPlaybooks([dir])).toThrow(/other\.yaml: id "goodwill" differs from the file's name/);
    expect(() => loadPlaybooks([join(dir, 'missing')])).toThrow(/no such folder/);
  });

  it('reports a condition that fails at run time as an error, and the rule as not matching', async () => {
    const playbook = parsePlaybook(
      valid().replace("when: 'true'", 'when: $number("x") > 1').replace('id: always', 'id: broken') +
        "  - id: fallback\n    when: 'true'\n    why: Else.\n",
      'g.yaml',
    );
    const engine = new PlaybookEngine([playbook]);
    const facts = { situation: 'goodwill' } as never;
    const order = { currency: 'USD', totals: {}, lineItems: [] } as never;
    const { decisions, errors } = await engine.decide(facts, order, undefined);
    expect(decisions.map((d) => d.rule)).toEqual(['fallback']);
    expect(errors).toEqual([{ playbook: 'goodwill', rule: 'broken', error: expect.any(String) }]);
  });
});
