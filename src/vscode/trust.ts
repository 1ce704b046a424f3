/** Why nothing runs in an untrusted workspace: the sentence a refused command returns and logs. */
export const UNTRUSTED_DETAIL =
  'Factory does not run in an untrusted workspace: it lets language models write files and run build and test commands. Trust this workspace to use it.';
