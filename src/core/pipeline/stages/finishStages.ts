/** CODE QC, VERIFY and LEARN: each in its own file under ../finish/. */
export { codeQc } from '../finish/codeQc';
export { learn } from '../finish/learn';
export type { Scored } from '../finish/scored';
export { verifyApp } from '../finish/verifyApp';
