#!/usr/bin/env node
// `npx mawaeed …` from the project: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
