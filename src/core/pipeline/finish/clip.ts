/** Long text kept as its head and tail with a line saying how much was cut: the ends are what tells. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 60) / 2);
  return `${text.slice(0, half)}\n[… ${text.length - 2 * half} characters cut …]\n${text.slice(text.length - half)}`;
}
