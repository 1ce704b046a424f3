/** The prose of a model reply, for people: its fenced code blocks and SEARCH/REPLACE blocks left out. */
export function outlineProse(reply: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let inBlock = false;
  let lastPath: number | undefined;
  for (const line of reply.replace(/\r\n?/g, '\n').split('\n')) {
    const t = line.trim();
    if (inBlock) {
      if (/^>{5,9}\s*REPLACE\b/.test(t)) inBlock = false;
      continue;
    }
    if (fence !== undefined) {
      if (t.startsWith(fence) && t.slice(fence.length).trim() === '') fence = undefined;
      continue;
    }
    const open = /^(`{3,}|~{3,})/.exec(t);
    if (open) {
      fence = open[1];
      continue;
    }
    if (/^<{5,9}\s*SEARCH\b/.test(t)) {
      inBlock = true;
      // The path line before the marker is part of the block.
      if (lastPath !== undefined) out.splice(lastPath, 1);
      continue;
    }
    out.push(line);
    lastPath = t.length > 0 ? out.length - 1 : undefined;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
