import { type Insights } from '../../insights/insights.schema';

/**
 * Text for Canvas Kit's text components, which render Markdown links and bold: what the vendors
 * wrote is escaped so that it shows as written and never becomes a link or markup, and links are
 * only ever the hub's own, to http(s) addresses.
 */

/** Longest vendor text kept in one place on a canvas (a note, a reason, an instruction). */
export const TEXT_MAX = 300;

/** Cut to `max` characters, with an ellipsis when something was cut. */
export function clip(text: string, max = TEXT_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Vendor text as Markdown that shows it literally (CommonMark backslash escapes): no emphasis, code,
 * link or autolink can start in it. Parentheses need none once brackets are escaped.
 */
export function md(text: string): string {
  return clip(text).replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`);
}

/** Longest URL linked: a longer one is not a link worth the canvas's size. */
const URL_MAX = 2_000;

/** An http(s) address safe inside Markdown's `( )`, or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > URL_MAX) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // URL has encoded spaces and angle brackets already; parentheses would end Markdown's `( )`.
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** `[label](url)` when the address is a safe http(s) one, else the label alone; both escaped. */
export function link(label: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `[${md(label)}](${href})` : md(label);
}

/** A code as words: `partially_refunded` → "Partially refunded". */
export function words(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The date part of an ISO 8601 timestamp. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Where an order is, as a teammate says it. */
export const STAGE_WORDS: Record<NonNullable<Insights['orderStage']>, string> = {
  pre_fulfillment: 'Not shipped yet',
  in_warehouse: 'In the warehouse',
  in_transit: 'On its way',
  delivered: 'Delivered',
  returned: 'Returned',
  cancelled: 'Cancelled',
};
