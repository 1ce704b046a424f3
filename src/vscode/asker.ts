/**
 * The questions Factory's commands ask (quick picks and input boxes), behind one small interface so
 * that the integration tests can answer them: VS Code offers no way to drive a quick pick from an
 * extension. People get VS Code's own widgets (windowAsker).
 */
import * as vscode from 'vscode';

export interface Choice extends vscode.QuickPickItem {
  /** Items of a pick that a separator heads, by its label. */
  group?: string;
}

export interface PickQuestion<T extends Choice> {
  title: string;
  placeHolder: string;
  items: readonly T[];
  /** Set when a typed value is an answer too (a new request, a model not in the list). */
  typed?: (value: string) => T | undefined;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export interface InputQuestion {
  title: string;
  prompt: string;
  placeHolder?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

export interface Asker {
  pick<T extends Choice>(q: PickQuestion<T>): Promise<T | undefined>;
  input(q: InputQuestion): Promise<string | undefined>;
}

/** Separators between groups, VS Code's way. */
function withSeparators<T extends Choice>(items: readonly T[]): (T | vscode.QuickPickItem)[] {
  const out: (T | vscode.QuickPickItem)[] = [];
  let group: string | undefined;
  for (const item of items) {
    if (item.group !== undefined && item.group !== group) out.push({ label: item.group, kind: vscode.QuickPickItemKind.Separator });
    group = item.group;
    out.push(item);
  }
  return out;
}

/** A quick pick whose typed value is offered as the first item, so a recent answer or a new one can be taken. */
function pickOrType<T extends Choice>(q: PickQuestion<T> & { typed: (value: string) => T | undefined }): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T | vscode.QuickPickItem>();
    const base = withSeparators(q.items);
    Object.assign(qp, { title: q.title, placeholder: q.placeHolder, ignoreFocusOut: true, matchOnDescription: q.matchOnDescription ?? false, matchOnDetail: q.matchOnDetail ?? false });
    qp.items = base;
    let typedItem: T | undefined;
    qp.onDidChangeValue((value) => {
      typedItem = value.trim() ? q.typed(value.trim()) : undefined;
      qp.items = typedItem ? [{ ...typedItem, alwaysShow: true }, ...base] : base;
    });
    let done = false;
    qp.onDidAccept(() => {
      const [chosen] = qp.selectedItems;
      done = true;
      // The copy shown carries alwaysShow; hand back the item itself.
      resolve(chosen && typedItem && chosen.label === typedItem.label ? typedItem : ((chosen as T | undefined) ?? typedItem));
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

export const windowAsker: Asker = {
  async pick<T extends Choice>(q: PickQuestion<T>): Promise<T | undefined> {
    if (q.typed) return pickOrType({ ...q, typed: q.typed });
    const picked = await vscode.window.showQuickPick(withSeparators(q.items), {
      title: q.title,
      placeHolder: q.placeHolder,
      ignoreFocusOut: true,
      matchOnDescription: q.matchOnDescription ?? false,
      matchOnDetail: q.matchOnDetail ?? false,
    });
    return picked as T | undefined;
  },
  input: (q) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: q.title,
        prompt: q.prompt,
        ...(q.placeHolder !== undefined && { placeHolder: q.placeHolder }),
        password: q.password ?? false,
        ignoreFocusOut: true,
        ...(q.validate && { validateInput: q.validate }),
      }),
    ),
};

/** What a scripted answer sees of a question: its title, placeholder or prompt, and the labels offered. */
export interface AskedQuestion {
  title: string;
  text: string;
  labels: string[];
  descriptions: string[];
}

/**
 * An Asker for the integration tests: `answer` gets each question and returns the label to pick, or
 * text to type (a pick that takes typed values, or an input box); undefined closes the question.
 */
export function scriptedAsker(answer: (q: AskedQuestion) => string | undefined): Asker {
  return {
    async pick<T extends Choice>(q: PickQuestion<T>): Promise<T | undefined> {
      const said = answer({ title: q.title, text: q.placeHolder, labels: q.items.map((i) => i.label), descriptions: q.items.map((i) => i.description ?? '') });
      if (said === undefined) return undefined;
      return q.items.find((i) => i.label === said) ?? q.typed?.(said);
    },
    async input(q: InputQuestion): Promise<string | undefined> {
      const said = answer({ title: q.title, text: q.prompt, labels: [], descriptions: [] });
      return said !== undefined && q.validate?.(said) ? undefined : said;
    },
  };
}
