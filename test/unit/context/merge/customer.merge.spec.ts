import { type SupportCase } from '../../../../src/canonical';
import { mergeCases, mergeCustomers, samePerson } from '../../../../src/context/merge/customer.merge';
import { aCase, aCustomer } from '../../../support/canonical.factory';

const SHOPIFY = { connector: 'shopify', id: 'gid://shopify/Customer/1' };
const HUBSPOT = { connector: 'hubspot', id: '501' };
const STRIPE = { connector: 'stripe', id: 'cus_1' };
const ZENDESK = { connector: 'zendesk', id: '9001' };
const ZENDESK_CASE = { connector: 'zendesk', id: '101' };

describe('samePerson', () => {
  it.each([
    ['the same email', { email: 'ada@example.com' }, { email: 'ada@example.com' }],
    [
      'the email in another case and with spaces',
      { email: ' Ada@Example.COM ' },
      { email: 'ada@example.com' },
    ],
    [
      'the same phone and different emails',
      { email: 'ada@work.example', phone: '+442079460958' },
      { email: 'ada@example.com', phone: '+442079460958' },
    ],
    ['the same phone written with spaces', { phone: '+44 20 7946 0958' }, { phone: '+442079460958' }],
    [
      'the same phone, one side without email',
      { phone: '+442079460958' },
      { email: 'ada@example.com', phone: '+442079460958' },
    ],
    [
      'the same email and different phones',
      { email: 'ada@example.com', phone: '+15550100' },
      { email: 'ada@example.com', phone: '+442079460958' },
    ],
  ])('is true for %s', (_, a, b) => {
    expect(samePerson(a, b)).toBe(true);
    expect(samePerson(b, a)).toBe(true);
  });

  it.each([
    ['different emails and no phones', { email: 'ada@example.com' }, { email: 'grace@example.com' }],
    [
      'different emails and different phones',
      { email: 'ada@example.com', phone: '+442079460958' },
      { email: 'grace@example.com', phone: '+15550100' },
    ],
    [
      'an email on one side and a phone on the other',
      { email: 'ada@example.com' },
      { phone: '+442079460958' },
    ],
    ['nothing to compare', {}, {}],
    ['blank emails', { email: '  ' }, { email: '' }],
    ['phones without digits', { phone: 'n/a' }, { phone: 'unknown' }],
  ])('is false for %s', (_, a, b) => {
    expect(samePerson(a, b)).toBe(false);
    expect(samePerson(b, a)).toBe(false);
  });
});

describe('mergeCustomers', () => {
  const shop = aCustomer({
    id: 'gid://shopify/Customer/1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    ordersCount: 3,
    tags: ['vip'],
    sources: [SHOPIFY],
  });
  const crm = aCustomer({
    id: '501',
    email: 'ADA@example.com',
    phone: '+442079460958',
    name: 'Ada L.',
    firstName: 'Ada',
    lastName: 'Lovelace',
    createdAt: '2024-01-05T08:00:00Z',
    tags: ['newsletter', 'vip'],
    sources: [HUBSPOT],
  });
  const payments = aCustomer({
    id: 'cus_1',
    email: 'ada@example.com',
    phone: '+15550100',
    name: 'A LOVELACE',
    createdAt: '2023-06-01T00:00:00Z',
    totalSpent: { amount: '149.85', currency: 'USD' },
    tags: [],
    sources: [STRIPE],
  });

  it('takes each field from the first system that knows it, and unions tags and sources', () => {
    expect(mergeCustomers([shop, crm, payments], { email: 'ada@example.com' })).toEqual({
      id: 'gid://shopify/Customer/1',
      email: 'ada@example.com',
      phone: '+442079460958',
      name: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      createdAt: '2024-01-05T08:00:00Z',
      ordersCount: 3,
      totalSpent: { amount: '149.85', currency: 'USD' },
      tags: ['vip', 'newsletter'],
      sources: [SHOPIFY, HUBSPOT, STRIPE],
    });
  });

  it('returns a single record as it is', () => {
    expect(mergeCustomers([crm])).toEqual(crm);
  });

  it('counts a record with the same phone and another email as the same person', () => {
    const workAddress = aCustomer({
      id: 'z1',
      email: 'ada@work.example',
      phone: '+44 20 7946 0958',
      tags: ['b2b'],
      sources: [ZENDESK],
    });
    expect(mergeCustomers([crm, workAddress], { phone: '+442079460958' })).toEqual({
      ...crm,
      tags: ['newsletter', 'vip', 'b2b'],
      sources: [HUBSPOT, ZENDESK],
    });
  });

  it('takes a record known only by the phone of the anchor’s own record', () => {
    const workAddress = aCustomer({
      id: 'z1',
      email: 'ada@work.example',
      phone: '+442079460958',
      sources: [ZENDESK],
    });
    expect(mergeCustomers([crm, workAddress], { email: 'ada@example.com' })?.sources).toEqual([
      HUBSPOT,
      ZENDESK,
    ]);
  });

  it('leaves out a record of another person', () => {
    const grace = aCustomer({
      id: 'cus_9',
      email: 'grace@example.com',
      phone: '+15559999',
      name: 'Grace Hopper',
      tags: ['x'],
      sources: [{ connector: 'stripe', id: 'cus_9' }],
    });
    expect(mergeCustomers([shop, grace, crm], { email: 'ada@example.com' })).toEqual(
      mergeCustomers([shop, crm], { email: 'ada@example.com' }),
    );
  });

  it('leaves out a record of another person even when it comes first', () => {
    const grace = aCustomer({
      id: 'cus_9',
      email: 'grace@example.com',
      name: 'Grace Hopper',
      sources: [{ connector: 'stripe', id: 'cus_9' }],
    });
    expect(mergeCustomers([grace, shop, crm], { email: 'ada@example.com' })).toEqual(
      mergeCustomers([shop, crm], { email: 'ada@example.com' }),
    );
  });

  it('is null when no record is of the anchor’s person', () => {
    expect(mergeCustomers([shop, crm], { email: 'grace@example.com' })).toBeNull();
    expect(mergeCustomers([], { email: 'ada@example.com' })).toBeNull();
    expect(mergeCustomers([])).toBeNull();
  });

  it('anchors on the first record when no anchor is given', () => {
    const grace = aCustomer({
      id: 'cus_9',
      email: 'grace@example.com',
      sources: [{ connector: 'stripe', id: 'cus_9' }],
    });
    expect(mergeCustomers([shop, grace, crm])).toEqual(
      mergeCustomers([shop, crm], { email: 'ada@example.com' }),
    );
  });

  it('does not modify its inputs', () => {
    const records = [shop, crm, payments].map((c) => structuredClone(c));
    mergeCustomers(records, { email: 'ada@example.com' });
    expect(records).toEqual([shop, crm, payments]);
  });
});

describe('mergeCases', () => {
  const zendesk = aCase;
  const hubspot = (overrides: Partial<SupportCase> = {}) =>
    aCase({ id: 'hs-7', sources: [{ connector: 'hubspot', id: 'hs-7' }], ...overrides });

  it('lists the cases of every help desk newest first, by last update, else creation', () => {
    const old = zendesk({
      id: '1',
      subject: 'Old',
      createdAt: '2026-10-01T09:00:00Z',
      sources: [{ connector: 'zendesk', id: '1' }],
    });
    const updated = zendesk({
      id: '2',
      subject: 'Updated',
      createdAt: '2026-10-02T09:00:00Z',
      updatedAt: '2026-11-05T09:00:00Z',
      sources: [{ connector: 'zendesk', id: '2' }],
    });
    const recent = hubspot({ subject: 'Recent', createdAt: '2026-11-04T09:00:00Z' });
    expect(mergeCases([[old, updated], [recent]])).toEqual([updated, recent, old]);
  });

  it('merges mirrored tickets (same subject, same minute) into one case with both sources and the newer copy’s state', () => {
    const mirrored = zendesk({
      status: 'solved',
      channel: 'email',
      createdAt: '2026-11-02T09:00:12Z',
      updatedAt: '2026-11-03T10:00:00Z',
    });
    const copy = hubspot({
      subject: '  where is my order? ',
      status: 'open',
      priority: 'high',
      createdAt: '2026-11-02T09:00:48Z',
      updatedAt: '2026-11-02T12:00:00Z',
    });
    const expected = {
      id: '101',
      subject: 'Where is my order?',
      status: 'solved',
      priority: 'high', // only the older copy knew it
      channel: 'email',
      createdAt: '2026-11-02T09:00:12Z',
      updatedAt: '2026-11-03T10:00:00Z',
      sources: [ZENDESK_CASE, { connector: 'hubspot', id: 'hs-7' }],
    };
    expect(mergeCases([[mirrored], [copy]])).toEqual([expected]);
    // The newer copy wins whichever desk answered first.
    expect(mergeCases([[copy], [mirrored]])).toEqual([
      { ...expected, sources: [{ connector: 'hubspot', id: 'hs-7' }, ZENDESK_CASE] },
    ]);
  });

  it('takes the newer copy’s status when the newer copy is the one seen second', () => {
    const older = zendesk({ status: 'open', updatedAt: '2026-11-02T10:00:00Z' });
    const newer = hubspot({ status: 'closed', updatedAt: '2026-11-04T10:00:00Z' });
    expect(mergeCases([[older], [newer]])).toEqual([
      { ...newer, sources: [ZENDESK_CASE, { connector: 'hubspot', id: 'hs-7' }] },
    ]);
  });

  it('keeps tickets apart when the subject or the minute differs', () => {
    const a = zendesk();
    const otherSubject = hubspot({ subject: 'Refund please' });
    const otherMinute = hubspot({
      id: 'hs-8',
      createdAt: '2026-11-02T09:01:00Z',
      sources: [{ connector: 'hubspot', id: 'hs-8' }],
    });
    expect(mergeCases([[a], [otherSubject, otherMinute]])).toEqual([otherMinute, a, otherSubject]);
  });

  it('does not merge two tickets without a subject', () => {
    const a = zendesk({ subject: undefined });
    const b = hubspot({ subject: undefined });
    expect(mergeCases([[a], [b]])).toEqual([a, b]);
  });

  it('is empty when no desk has cases', () => {
    expect(mergeCases([])).toEqual([]);
    expect(mergeCases([[], []])).toEqual([]);
  });
});
