#!/usr/bin/env node
// The `safeguard` command. TypeScript sources run through tsx's loader, so a checkout needs no build step.
// The project's own tsconfig (JSX for Preact, among others) applies whatever directory it runs from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
