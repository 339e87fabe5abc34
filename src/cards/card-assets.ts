import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

/** The card's browser files (apps/card), read once: the hub serves exactly what the Zendesk app packs. */
export interface CardAsset {
  body: string;
  type: string;
}

const FILES: Record<string, string> = {
  'card.html': 'text/html; charset=utf-8',
  'card-page.js': 'text/javascript; charset=utf-8',
  'context-card.js': 'text/javascript; charset=utf-8',
  'context-card.css': 'text/css; charset=utf-8',
};

export function loadCardAssets(dir = join(projectRoot(), 'apps', 'card')): ReadonlyMap<string, CardAsset> {
  return new Map(
    Object.entries(FILES).map(([name, type]) => [
      name,
      { body: readFileSync(join(dir, name), 'utf8'), type },
    ]),
  );
}
