import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Real outputs of the runners (Node 20 node --test with its TAP and spec reporters, mocha 11, jest 29,
// vitest 2, pytest 9), captured from small projects; paths rewritten to /home/dev/app.
export const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'exec', 'runners', `${name}.txt`), 'utf8');

