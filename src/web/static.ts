// Static files and compression: views/static read and gzipped once at start, served with a content hash for long caching.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8' };
const YEAR = 'public, max-age=31536000, immutable';
const HOUR = 'public, max-age=3600';

type Asset = { body: Buffer; gz?: Buffer; type: string; hash: string };
/** `assets['app.css']` is the URL pages link to: the file's hash in the query lets browsers keep it for a year. */
export type Assets = Record<string, string>;

/** Compress text bodies over a kilobyte when the client takes gzip (every browser does); small ones are not worth it. */
export function gzipIfAccepted(req: Request, res: Response, body: Buffer): Buffer {
  res.vary('Accept-Encoding');
  if (body.length < 1024 || !req.acceptsEncodings('gzip')) return body;
  res.set('Content-Encoding', 'gzip');
  return gzipSync(body, { level: 6 });
}

export function staticFiles(dir: string): { assets: Assets; serve: (req: Request, res: Response, next: NextFunction) => void } {
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = readFileSync(path.join(dir, name));
    const gz = type.startsWith('text/') || type.includes('svg') ? gzipSync(body, { level: 9 }) : undefined;
    files.set(name, { body, gz: gz && gz.length < body.length ? gz : undefined, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  const assets: Assets = Object.fromEntries([...files].map(([n, f]) => [n, `/static/${n}?v=${f.hash}`]));
  const serve = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { next(); return; }
    const f = files.get(req.path.replace(/^\//, ''));
    if (!f) { res.status(404).type('text/plain').send('Not found'); return; }
    const etag = `"${f.hash}"`;
    res.set({ 'Content-Type': f.type, 'Cache-Control': req.query.v === f.hash ? YEAR : HOUR, ETag: etag, Vary: 'Accept-Encoding' });
    if (req.headers['if-none-match'] === etag) { res.status(304).end(); return; }
    const gz = f.gz && req.acceptsEncodings('gzip') ? f.gz : undefined;
    if (gz) res.set('Content-Encoding', 'gzip');
    res.status(200).end(gz ?? f.body);
  };
  return { assets, serve };
}
