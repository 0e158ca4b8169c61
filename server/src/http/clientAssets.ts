import express, { Router, type Request, type Response } from 'express';
import { sendError } from './httpError.js';

const NOT_BUILT_MESSAGE =
  "Dialtone's web client has not been built. Run `npm run build` at the repository root, then reload.";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Dialtone: client not built</title></head>
  <body>
    <h1>Dialtone</h1>
    <p>The web client has not been built. Run <code>npm run build</code> at the repository root, then reload.</p>
  </body>
</html>
`;

/**
 * Serves the built client and answers every other page route with index.html, so that deep links
 * into the single-page app work on reload.
 */
export function clientAssets(clientDir: string): Router {
  const router = Router();
  router.use(
    express.static(clientDir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders(res, filePath) {
        // Vite puts a content hash in every file name under assets/, so a cached copy never goes stale.
        const immutable = /[\\/]assets[\\/]/.test(filePath);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    // A missing hashed asset must stay a 404: answering with HTML would hide a broken build.
    if (isApiPath(req.path) || req.path.startsWith('/assets/')) {
      next();
      return;
    }
    sendIndex(clientDir, req, res, next);
  });
  return router;
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function sendIndex(clientDir: string, req: Request, res: Response, next: (error?: unknown) => void): void {
  res.sendFile('index.html', { root: clientDir, headers: { 'Cache-Control': 'no-cache' } }, (error) => {
    if (!error) return;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      next(error);
      return;
    }
    res.status(503).set('Cache-Control', 'no-store');
    if (req.accepts(['json', 'html']) === 'html') {
      res.type('html').send(NOT_BUILT_PAGE);
    } else {
      sendError(res, 503, 'client_not_built', NOT_BUILT_MESSAGE);
    }
  });
}
