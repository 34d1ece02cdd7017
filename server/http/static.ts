/**
 * Serves the built client from config.clientDir, with `index.html` for `/`, `/b/<id>` and `/j/<code>` (a middleware, not a
 * multi-wildcard route: path-to-regexp advisories). Without a build, `/` explains how to make one.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

const NOT_BUILT_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Journeyroom</title>
<body><h1>Journeyroom</h1><p>The client is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></body></html>`;

/** Static files plus the single-page fallback. */
export function staticRoutes(clientDir: string): RequestHandler[] {
  const indexFile = path.join(clientDir, 'index.html');
  const serve = express.static(clientDir, { index: false, fallthrough: true, redirect: false });
  const fallback: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const isPage = req.path === '/' || /^\/(b|j)\/[A-Za-z0-9_-]{1,64}\/?$/.test(req.path);
    if (!isPage) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(200).type('html').send(NOT_BUILT_HTML);
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  };
  return [serve, fallback];
}
