#!/usr/bin/env node
// The `parley` CLI. Parley runs its TypeScript sources through tsx, so a fresh
// clone needs no build step: `npm install` then `npx parley …`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
