import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface SettingSchema {
  markdownDescription?: string;
  description?: string;
  order?: number;
  minimum?: number;
  maximum?: number;
}

interface Category {
  title: string;
  order?: number;
  properties: Record<string, SettingSchema>;
}

// Issue 10, item 7: VS Code titles a setting from its key ("Budget Usd", "Command Timeout S") and has
// no per-setting title in contributes.configuration, and renaming keys would break people's settings.
// So each setting's description opens with its human name in bold, which the Settings editor shows
// right under the key's title; settings come in the order a user needs them.
const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: Category[] } };
const categories = pkg.contributes.configuration;
const all = categories.flatMap((c) => Object.entries(c.properties));
const text = (s: SettingSchema): string => s.markdownDescription ?? s.description ?? '';

/** The title VS Code makes from a key's last part (its Settings editor: camelCase split, first letter up). */
const keyTitle = (key: string): string => {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^[a-z]/, (m) => m.toUpperCase());
};

describe('settings: human names and order (package.json)', () => {
  it('every setting opens its description with a bold human name, without the abbreviations of the title VS Code makes from the key', () => {
    const unnamed = all.filter(([, s]) => !/^\*\*[^*]+\*\*/.test(text(s))).map(([k]) => k);
    assert.deepEqual(unnamed, [], 'settings whose description does not open with a **name**');
    for (const [key, s] of all) {
      const name = /^\*\*([^*]+)\*\*/.exec(text(s))?.[1] ?? '';
      // The key's title abbreviates units ("Budget Usd", "Command Timeout S") or joins words: the name may not.
      assert.doesNotMatch(name, /\bUsd\b|\b[A-Z]$|[a-z][A-Z]/, `${key}: "${name}" reads like the key's title (${keyTitle(key)})`);
      assert.ok(s.markdownDescription !== undefined, `${key}: a markdownDescription (the bold name needs Markdown)`);
    }
  });

  it('no two settings share a name', () => {
    const names = all.map(([, s]) => /^\*\*([^*]+)\*\*/.exec(text(s))?.[1]?.replace(/[.:,]$/, '').toLowerCase());
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  });

  it('names the unit of a setting whose key ends in one (Usd: US dollars, S: seconds)', () => {
    for (const [key, s] of all) {
      if (/Usd$/.test(key)) assert.match(text(s), /US dollars/, key);
      if (/S$/.test(key)) assert.match(text(s), /seconds/, key);
    }
  });

  it('gives the 0–100 scale on every score threshold, and the schema holds to it', () => {
    for (const [key, s] of all.filter(([k]) => k.startsWith('factory.thresholds.'))) {
      assert.match(text(s), /0–100/, key);
      assert.deepEqual([s.minimum, s.maximum], [0, 100], key);
    }
  });

  it('explains the jargon where a description uses it (twin, wave, trap, DaC)', () => {
    const explained: Array<[RegExp, RegExp]> = [
      [/\btwin\b/i, /stands in for you/],
      [/\bwaves?\b/i, /tasks that do not depend on each other/],
      [/\btraps?\b/i, /failed attempt/],
      [/\bDaC\b/, /structured format/],
    ];
    for (const [key, s] of all) {
      for (const [word, explanation] of explained) {
        if (word.test(text(s))) assert.match(text(s), explanation, `${key} uses ${word} without saying what it is`);
      }
    }
  });

  it('orders categories by what a user needs first (roles, gate and thresholds, limits, providers), each setting placed', () => {
    const sorted = [...categories].sort((a, b) => (a.order ?? 99) - (b.order ?? 99));
    assert.deepEqual(
      sorted.map((c) => Object.keys(c.properties)[0]?.split('.')[1]),
      ['roles', 'gate', 'limits', 'providers'],
    );
    for (const c of categories) {
      const orders = Object.values(c.properties).map((s) => s.order);
      assert.ok(orders.every((o) => typeof o === 'number'), `${c.title}: every setting has an order`);
      assert.deepEqual(orders, [...orders].sort((a, b) => (a ?? 0) - (b ?? 0)), `${c.title}: listed in its order`);
      assert.equal(new Set(orders).size, orders.length, `${c.title}: no two settings share a place`);
    }
  });
});
