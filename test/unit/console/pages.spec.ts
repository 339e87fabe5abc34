import { type Scope } from '../../../src/auth/scopes';
import { type InterfaceReport } from '../../../src/monitoring/interface-monitor';
import { interfacesPage } from '../../../src/console/pages/interfaces.page';
import { ago, type Viewer } from '../../../src/console/pages/layout';
import { taskPage } from '../../../src/console/pages/task.page';
import { type TaskView } from '../../../src/tasks/task.schemas';

const viewer = (scopes: Scope[], person?: string): Viewer => ({
  key: 'desk',
  person,
  scopes: new Set(scopes),
  csrf: 'form-token-0123456789abcdef',
});

const task = (over: Partial<TaskView> = {}): TaskView => ({
  id: '8b63cf05-47e7-47de-a503-da75e68e596d',
  kind: 'refund_approval',
  status: 'open',
  connector: 'shopify',
  system: 'oms',
  title: 'Approve: Refund 150.00 USD on order #1001',
  whatFailed: 'Not a failure: above the limit.',
  instructions: 'Look at the order.',
  allowedOutcomes: ['approved', 'rejected'],
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
  ...over,
});

const forms = (text: string) => [...text.matchAll(/<form[^>]* action="([^"]+)"/g)].map((m) => m[1]);

describe('console pages (rendered without IO)', () => {
  it("escapes what vendors and people wrote: a task's title, steps and note cannot add markup", () => {
    const page = taskPage(
      viewer(['tasks:write']),
      task({
        title: '<img src=x onerror=alert(1)>',
        instructions: '"><script>alert(2)</script>',
        status: 'resolved',
        outcome: 'rejected',
        resolvedBy: '<b>Eve</b>',
        note: "it's <i>done</i>",
      }),
      undefined,
    ).text;
    expect(page).not.toMatch(/<img|<script|<b>Eve|<i>done/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('it&#39;s &lt;i&gt;done&lt;/i&gt;');
    // A vendor link that is not http(s) is not a link.
    const linked = (url: string) => taskPage(viewer(['tasks:read']), task({ url }), undefined).text;
    expect(linked('javascript:alert(1)')).not.toContain('javascript:');
    expect(linked('https://admin.shopify.com/x')).toContain('href="https://admin.shopify.com/x"');
  });

  it('offers claim and resolve to tasks:write, with each outcome the task takes, and nothing to tasks:read', () => {
    const open = taskPage(viewer(['tasks:write'], 'Dana'), task(), undefined).text;
    expect(forms(open)).toEqual([
      '/console/sign-out',
      '/console/tasks/8b63cf05-47e7-47de-a503-da75e68e596d/claim',
      '/console/tasks/8b63cf05-47e7-47de-a503-da75e68e596d/resolve',
    ]);
    expect([...open.matchAll(/name="outcome"\s+value="(\w+)"/g)].map((m) => m[1])).toEqual([
      'approved',
      'rejected',
    ]);
    expect(open).toContain('Claim as Dana');
    expect(open.match(/name="csrf" value="form-token-0123456789abcdef"/g)).toHaveLength(3);

    const readOnly = taskPage(viewer(['tasks:read']), task(), undefined).text;
    expect(forms(readOnly)).toEqual(['/console/sign-out']);
    expect(readOnly).toContain('cannot claim or resolve');
  });

  it('lets only the claimant resolve a claimed task, and an admin over the claim with a required box', () => {
    const claimed = task({ status: 'claimed', claimedBy: 'Dana', claimedKey: 'desk' });
    const mine = taskPage(viewer(['tasks:write'], 'Dana'), claimed, undefined).text;
    expect(forms(mine).slice(1)).toEqual(['/console/tasks/8b63cf05-47e7-47de-a503-da75e68e596d/resolve']);
    expect(mine).not.toContain('name="override"');

    const someoneElse = taskPage(viewer(['tasks:write'], 'Eve'), claimed, undefined).text;
    expect(forms(someoneElse)).toEqual(['/console/sign-out']);
    expect(someoneElse).toContain('Dana holds this task');

    const admin = taskPage(viewer(['admin'], 'Lead'), claimed, undefined).text;
    expect(admin).toMatch(/<input[^>]*name="override"[^>]*value="true"[^>]*required/);
    // One outcome only: chosen already.
    const outage = taskPage(
      viewer(['tasks:write']),
      task({ kind: 'interface_down', allowedOutcomes: ['done'] }),
      undefined,
    ).text;
    expect(outage).toMatch(/value="done"\s+required\s*checked/);
  });

  it('lists every interface, opens the steps of one that is down, and links its tasks for task keys only', () => {
    const report = (connector: string, state: InterfaceReport['state'], openTasks: number) => ({
      connector,
      system: 'oms' as const,
      type: connector,
      state,
      circuit: state === 'down' ? ('open' as const) : ('closed' as const),
      window: { calls: 4, errors: state === 'up' ? 0 : 4, errorRate: 0, p50Ms: 10, p95Ms: 20 },
      openTasks,
      ...(state === 'down' ? { lastError: { code: 'upstream_unavailable', message: 'HTTP 503' } } : {}),
      byHand: { instructions: `Open ${connector}.`, url: `https://${connector}.example/admin` },
    });
    const reports = [report('shopify', 'down', 2), report('stripe', 'up', 0)];
    const it = interfacesPage(viewer(['tasks:read', 'interfaces:read']), reports).text;
    expect(it).toContain('1 of 2 interfaces need attention.');
    expect(it).toMatch(/<details\s+open>\s*<summary>By hand while shopify is down/);
    expect(it).toMatch(/<details>\s*<summary>By hand while stripe is down/);
    expect(it).toContain('<a href="/console/tasks?connector=shopify">2</a>');
    expect(interfacesPage(viewer(['interfaces:read']), reports).text).not.toContain('connector=shopify');
    expect(it).toMatch(/<code>upstream_unavailable<\/code>\s*HTTP 503/);
  });

  it('shows the sections a key may open, and says ages in words', () => {
    const nav = (scopes: Scope[]) =>
      [...taskPage(viewer(scopes), task(), undefined).text.matchAll(/<li><a href="([^"]+)"/g)].map(
        (m) => m[1],
      );
    expect(nav(['admin'])).toEqual(['/console', '/console/tasks', '/console/actions', '/console/audit']);
    expect(nav(['tasks:read', 'actions:write'])).toEqual(['/console/tasks', '/console/actions']);
    expect([ago(5_000), ago(120_000), ago(3 * 3_600_000), ago(72 * 3_600_000), ago(-10)]).toEqual([
      '5 s ago',
      '2 min ago',
      '3 h ago',
      '3 days ago',
      '0 s ago',
    ]);
  });
});
