import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ROLES } from '../../../src/core/config/defaults';
import { resolveConfig } from '../../../src/core/config/resolve';
import { ROLES } from '../../../src/core/config/roles';

// What VS Code shows of Factory before any code runs: the palette, the menus, the walkthrough and the
// settings page all come from package.json. These are the promises a person reads there.
const repo = join(__dirname, '..', '..', '..', '..');
interface Command {
  command: string;
  title: string;
  category?: string;
  enablement?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface Setting {
  order?: number;
  default?: unknown;
  markdownDescription?: string;
  description?: string;
}
interface Category {
  id: string;
  title: string;
  order: number;
  properties: Record<string, Setting>;
}
interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  activationEvents: string[];
  contributes: {
    commands: Command[];
    menus: Record<string, MenuItem[]>;
    configuration: Category[];
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
  };
};
const { commands, menus, walkthroughs } = pkg.contributes;
// Categories (an array); a single object before they were ordered.
const configuration: Category[] = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration as unknown as Category];
const command = (id: string): Command => {
  const c = commands.find((x) => x.command === id);
  assert.ok(c, `${id} is not contributed`);
  return c;
};
/** How the palette shows a command. */
const shown = (c: Command): string => (c.category ? `${c.category}: ${c.title}` : c.title);

describe('contributed commands and menus (package.json)', () => {
  it('the palette names each command for what it does, as Factory\'s', () => {
    assert.equal(shown(command('factory.update')), 'Factory: Update Project…');
    assert.equal(shown(command('factory.configureRoles')), 'Factory: Configure Roles');
    for (const c of commands) assert.match(shown(c), /^Factory: /, c.command);
  });

  it('Cancel is enabled only while a run is going (also the dashboard title-bar ■)', () => {
    assert.equal(command('factory.cancel').enablement, 'factory.running');
    assert.ok(menus['view/title']?.some((m) => m.command === 'factory.cancel'), 'the title-bar button stays');
  });

  it('the commands that start a run are off in an untrusted workspace and while a run is going', () => {
    for (const id of ['factory.build', 'factory.audit', 'factory.update', 'factory.updateFromAudit']) {
      const when = command(id).enablement ?? '';
      assert.match(when, /(^|&& )isWorkspaceTrusted( &&|$)/, id);
      assert.match(when, /!factory\.running/, id);
    }
  });

  it('Resume is offered only when there is a stopped run to resume, and no run is going', () => {
    const when = command('factory.resume').enablement ?? '';
    assert.match(when, /factory\.canResume/);
    assert.match(when, /!factory\.running/);
  });

  it('"Factory: Audit Folder" sits with the folder actions of the Explorer menu, above cut/copy/paste and Delete', () => {
    const item = menus['explorer/context']?.find((m) => m.command === 'factory.audit');
    assert.ok(item);
    assert.match(item.when ?? '', /explorerResourceIsFolder/);
    // VS Code's Explorer groups: navigation, 2_workspace, 3_compare, 4_search ("Find in Folder…"),
    // 5_cutcopypaste, 6_copypath, 7_modification (Rename, Delete). Unknown groups go last.
    const group = (item.group ?? '').split('@')[0] ?? '';
    assert.ok(['navigation', '2_workspace', '3_compare', '4_search'].includes(group), `group ${item.group}`);
    // A menu shows the title alone: it must say whose command it is.
    assert.equal(command('factory.audit').title, 'Factory: Audit Folder');
  });

  it('does not activate on start-up', () => {
    assert.deepEqual(
      pkg.activationEvents.filter((e) => e === '*' || e === 'onStartupFinished'),
      [],
    );
  });
});

describe('the walkthrough (package.json)', () => {
  const walkthrough = walkthroughs?.find((w) => w.id === 'welcome');

  it('is "welcome", whose steps choose models, set keys and start a first build, each by its command', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has no "welcome"');
    const links = walkthrough.steps.map((s) => /command:(factory\.\w+)/.exec(s.description)?.[1]);
    assert.deepEqual(links, ['factory.configureRoles', 'factory.setApiKey', 'factory.build']);
    for (const s of walkthrough.steps) {
      const media = s.media.markdown ?? s.media.image;
      assert.ok(media && existsSync(join(repo, media)), `${s.id}: media ${media} exists`);
      assert.ok((s.completionEvents ?? []).some((e) => e.startsWith('onCommand:')), `${s.id} is ticked when its command runs`);
    }
  });
});

describe('contributed settings read in the order a person needs them', () => {
  const byOrder = [...configuration].sort((a, b) => a.order - b.order);
  const settings = Object.fromEntries(configuration.flatMap((c) => Object.entries(c.properties)));
  const text = (key: string): string => settings[key]?.markdownDescription ?? settings[key]?.description ?? '';

  it('roles first, then the gate and its thresholds, then the limits (the sandbox\'s last)', () => {
    const keys = byOrder.map((c) => Object.keys(c.properties).sort((a, b) => (c.properties[a]?.order ?? 99) - (c.properties[b]?.order ?? 99)));
    assert.ok(keys[0]?.slice(0, ROLES.length).every((k, i) => k === `factory.roles.${ROLES[i]}`), `first: ${keys[0]?.join(', ')}`);
    assert.ok(keys[1]?.[0] === 'factory.gate' && keys[1].slice(1).every((k) => k.startsWith('factory.thresholds.')), `second: ${keys[1]?.join(', ')}`);
    const limits = keys[2]?.filter((k) => k.startsWith('factory.limits.')) ?? [];
    assert.ok(limits.length && keys[2]?.join() === [...limits, 'factory.exec.sandbox', 'factory.exec.maxProcesses', 'factory.exec.memoryMb'].join(), `third: ${keys[2]?.join(', ')}`);
    for (const c of configuration) for (const [k, s] of Object.entries(c.properties)) assert.equal(typeof s.order, 'number', `${k} has an order`);
  });

  it('every category has a title a person reads, every setting says in words what it is', () => {
    for (const c of configuration) assert.match(c.title, /^[A-Z][a-z]+( [a-z]+)*$/, c.title);
    // VS Code titles a setting from its key ("Budget Usd", "Command Timeout S"): the description starts with the human name.
    for (const key of Object.keys(settings).filter((k) => k.startsWith('factory.limits.') || k.startsWith('factory.exec.') || k.startsWith('factory.thresholds.') || k.startsWith('factory.roles.'))) {
      assert.match(text(key), /^\*\*[A-Z][^*]+\*\*/, `${key} starts with its name in words`);
    }
    assert.match(text('factory.limits.budgetUsd'), /US dollars/);
    assert.match(text('factory.limits.commandTimeoutS'), /in seconds/);
  });

  it('thresholds give their scale', () => {
    for (const key of Object.keys(settings).filter((k) => k.startsWith('factory.thresholds.'))) assert.match(text(key), /0–100/, key);
  });

  it('no jargon without a one-line explanation where it is used', () => {
    const JARGON: Record<string, RegExp> = {
      twin: /stands in for you/,
      wave: /waves \(tasks that do not depend on each other\)/,
      trap: /A trap is one failed attempt/,
      DaC: /DaC, a small structured format/,
    };
    for (const [key, s] of Object.entries(settings)) {
      const words = [s.markdownDescription ?? s.description ?? '', ...((s as { enumDescriptions?: string[] }).enumDescriptions ?? [])].join(' ');
      for (const [term, explained] of Object.entries(JARGON)) {
        if (new RegExp(`\\b${term}s?\\b`, 'i').test(words.replace(/`[^`]*`/g, ''))) assert.match(words, explained, `${key} uses "${term}" without saying what it is`);
      }
    }
  });

  it('a role\'s default is a working role, so "Edit in settings.json" starts from one that runs (not {})', () => {
    for (const role of ROLES) {
      const value = settings[`factory.roles.${role}`]?.default;
      const { fallbacks: _none, ...expected } = DEFAULT_ROLES[role];
      assert.deepEqual(value, expected, role);
      assert.ok(resolveConfig({ roles: { [role]: value } }).ok, role);
    }
  });
});
