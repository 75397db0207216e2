#!/usr/bin/env node
// The `bansos` command. The TypeScript sources are compiled to dist/ by `npm install` (prepare).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('bansos: not built yet; run `npm install` (or `npm run build`) first\n');
  process.exit(2);
}
require(entry);
