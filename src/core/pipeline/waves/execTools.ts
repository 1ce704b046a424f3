/**
 * The parts of src/core/exec the waves use, in one place. failureDigest is a TEMPORARY stand-in
 * (head and tail) until branch i8-exec exports its own; then this file only re-exports.
 */
export { expandFiles, readRed, splitCommand, type RedEvidence } from '../../exec';

export function failureDigest(output: string, maxChars = 4000): string {
  if (output.length <= maxChars) return output;
  const half = Math.floor(maxChars / 2);
  return `${output.slice(0, half)}\n[… ${output.length - maxChars} characters cut …]\n${output.slice(-half)}`;
}
