// The application's version, read once from package.json for provenance.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './config.ts';

export const APP_VERSION: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
