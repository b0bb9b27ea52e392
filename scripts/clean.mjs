#!/usr/bin/env node
// Empties dist/ before a build, so a test whose source was moved or deleted does not live on as a
// stale dist/**/*.test.js that scripts/test.mjs would still run. (lib/ is emptied by bundle.mjs.)
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
