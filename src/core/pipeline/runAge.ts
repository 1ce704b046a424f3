/** How long ago a run was last active, for a list of runs ("5 min ago"). */
export function ageText(at: number | null, now: number): string {
  if (at === null) return 'age unknown';
  const min = Math.floor((now - at) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.floor(h / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
